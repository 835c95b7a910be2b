package io.teleconsultation.domain;

import java.util.List;

/**
 * Who sends a request, as the API gateway vouches for it: the user id of its identity header (null when the
 * request carries none) and the groups of its groups header.
 */
public record CallerIdentity(String userId, List<String> groups) {

  public CallerIdentity {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static CallerIdentity anonymous() {
    return new CallerIdentity(null, List.of());
  }

  public boolean identified() {
    return userId != null;
  }

  public boolean isUser(String externalUserId) {
    return userId != null && userId.equals(externalUserId);
  }
}
