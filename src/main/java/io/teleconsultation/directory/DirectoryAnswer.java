package io.teleconsultation.directory;

import io.teleconsultation.config.DirectoryConfig;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.StorableText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the directory's answers, which are untrusted input like any request: a body that is not the JSON expected,
 * a field of the wrong type or of absurd size is the directory's fault (a {@link DirectoryException}, 502 for the
 * client), never a 500; the body is never quoted back.
 */
public final class DirectoryAnswer {

  /** An Auth0 user with its metadata is a few kilobytes; more is not a user. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** The limits of a participant in openapi.yaml (ParticipantData). */
  public static final int MAX_TEXT_LENGTH = 256;
  public static final int MAX_GROUPS = 50;

  private DirectoryAnswer() {}

  /**
   * The directory id a custom id resolves to: {@code target} of the object, or of the first element of the array,
   * the endpoint returned. Null when it returned nothing (an empty array, or no {@code target}).
   */
  public static String directoryId(Buffer body, String target) {
    Object json = json(body, "the custom id lookup");
    JsonObject record;
    if (json instanceof JsonArray array) {
      if (array.isEmpty()) {
        return null;
      }
      if (!(array.getValue(0) instanceof JsonObject first)) {
        throw new DirectoryException("The custom id lookup answered an array of something else than objects");
      }
      record = first;
    } else {
      record = (JsonObject) json;
    }
    Object id = at(record, target);
    if (id == null) {
      return null;
    }
    if (!(id instanceof String || id instanceof Integer || id instanceof Long
        || id instanceof java.math.BigInteger) || String.valueOf(id).isBlank()
        || String.valueOf(id).length() > MAX_TEXT_LENGTH || DirectoryConfig.isDotSegment(String.valueOf(id))
        || !storable(String.valueOf(id))) {
      throw new DirectoryException("The custom id lookup answered an invalid '" + target + "'");
    }
    return String.valueOf(id);
  }

  /** The user's name and groups, read where the configuration says. */
  public static DirectoryUser user(String userId, String directoryId, Buffer body, DirectoryConfig config) {
    if (!(json(body, "the user lookup") instanceof JsonObject user)) {
      throw new DirectoryException("The user directory answered something else than a user object for '" + userId + "'");
    }
    return new DirectoryUser(userId, directoryId, name(user, userId, config.namePaths()),
        groups(user, userId, config.groupsPaths()));
  }

  /** The first name path whose every part is a non-blank string; null when none is. */
  private static String name(JsonObject user, String userId, List<List<String>> namePaths) {
    for (List<String> parts : namePaths) {
      List<String> values = new ArrayList<>();
      for (String path : parts) {
        if (at(user, path) instanceof String value && !value.isBlank()) {
          values.add(value.trim());
        }
      }
      if (values.size() == parts.size()) {
        String name = String.join(" ", values);
        if (name.length() > MAX_TEXT_LENGTH) {
          throw new DirectoryException("The user directory gave user '" + userId + "' a name longer than "
              + MAX_TEXT_LENGTH + " characters");
        }
        if (!storable(name)) {
          throw new DirectoryException("The user directory gave user '" + userId + "' a name the database cannot"
              + " store (U+0000 or an unpaired surrogate)");
        }
        return name;
      }
    }
    return null;
  }

  /** The groups at the first path that holds some; an absent or empty list is no group. */
  private static List<String> groups(JsonObject user, String userId, List<String> groupsPaths) {
    for (String path : groupsPaths) {
      Object value = at(user, path);
      if (value == null) {
        continue;
      }
      if (!(value instanceof JsonArray array) || array.size() > MAX_GROUPS || !array.stream().allMatch(
          g -> g instanceof String s && !s.isBlank() && s.length() <= MAX_TEXT_LENGTH && storable(s))) {
        throw new DirectoryException("The user directory gave user '" + userId + "' invalid groups at '" + path
            + "' (expected at most " + MAX_GROUPS + " group names the database can store)");
      }
      if (!array.isEmpty()) {
        return array.stream().map(String.class::cast).map(String::trim).distinct().toList();
      }
    }
    return List.of();
  }

  /**
   * The rule client input follows (StorableText): what the database cannot store must be refused before Kaleyra is
   * called, not fail at the insert after the room and its users exist.
   */
  private static boolean storable(String text) {
    try {
      StorableText.check("text", text);
      return true;
    } catch (DomainException e) {
      return false;
    }
  }

  /** The value at a dotted path ({@code app_metadata.groups}); null when any step is missing or not an object. */
  static Object at(JsonObject json, String path) {
    Object current = json;
    for (String step : path.split("\\.")) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(step);
    }
    return current;
  }

  private static Object json(Buffer body, String what) {
    String text = body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
    try {
      if (text.startsWith("{")) {
        return new JsonObject(text);
      }
      if (text.startsWith("[")) {
        return new JsonArray(text);
      }
    } catch (DecodeException | ClassCastException e) {
      // not JSON: reported below, without quoting it
    }
    throw new DirectoryException("The user directory answered something else than JSON to " + what);
  }
}
