package io.teleconsultation.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.List;

/**
 * Who is calling, as the API gateway says in its headers: the user id (where {@link CallerIdPath} says: by default
 * the header {@code USERID_HEADER_KEY}, {@code miauserid}) and the groups ({@code GROUPS_HEADER_KEY}, default
 * {@code miausergroups}, comma-separated).
 */
record Caller(String userId, List<String> groups) {

  /** The caller, or null when the request carries no user id. */
  static Caller of(HttpServerRequest request, CallerIdPath userIdPath, String groupsHeader) {
    String userId = userIdPath.read(request);
    if (userId == null || userId.isBlank()) {
      return null;
    }
    String groups = request.getHeader(groupsHeader);
    List<String> groupList = groups == null ? List.of() : Arrays.stream(groups.split(","))
        .map(String::trim).filter(g -> !g.isEmpty()).toList();
    return new Caller(userId.trim(), groupList);
  }
}
