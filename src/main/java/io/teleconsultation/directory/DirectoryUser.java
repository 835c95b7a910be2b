package io.teleconsultation.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A user as the directory describes it.
 *
 * @param userId the id the client sent (a directory id, or a custom id resolved to {@code directoryId})
 * @param directoryId the user's id in the directory
 * @param fullName null when the directory has no name for the user
 */
public record DirectoryUser(String userId, String directoryId, String fullName, List<String> groups) {

  public DirectoryUser {
    groups = List.copyOf(groups);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("directoryId", directoryId)
        .put("fullName", fullName)
        .put("groups", new JsonArray(groups));
  }
}
