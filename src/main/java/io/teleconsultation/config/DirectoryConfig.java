package io.teleconsultation.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How the user directory is asked (the old service's auth0 mode, README "The user-directory mode"): the settings
 * {@code AUTH_SERVICE}, {@code DEFAULT_CLIENT_TYPE}, {@code CUSTOM_ID_USERS_API_ENDPOINT}, and the keys
 * {@code userDirectory} and {@code customUserId} of the JSON config.
 *
 * @param userPath the path of a user under the base URL, with {@code {userId}} where the url-encoded id goes
 * @param namePaths where the display name is read, in order; an entry of several paths joins their values with a space
 * @param groupsPaths where the groups are read, in order; dotted paths go into nested objects
 * @param customIdEndpoint null when received ids are directory ids
 */
public record DirectoryConfig(
    String baseUrl,
    String clientType,
    String userPath,
    List<List<String>> namePaths,
    List<String> groupsPaths,
    String customIdEndpoint,
    String customIdSource,
    String customIdTarget) {

  public static final String USER_DIRECTORY = "userDirectory";
  public static final String CUSTOM_USER_ID = "customUserId";
  public static final String USER_ID_PLACEHOLDER = "{userId}";
  public static final String DEFAULT_USER_PATH = "/users/" + USER_ID_PLACEHOLDER;
  /** An Auth0 user: {@code name}, else {@code fullName}, else given and family name. */
  public static final List<List<String>> DEFAULT_NAME_PATHS =
      List.of(List.of("name"), List.of("fullName"), List.of("given_name", "family_name"));
  public static final List<String> DEFAULT_GROUPS_PATHS = List.of("groups", "app_metadata.groups");

  public DirectoryConfig {
    namePaths = namePaths.stream().map(List::copyOf).toList();
    groupsPaths = List.copyOf(groupsPaths);
  }

  /** Null when the directory mode is off ({@code AUTH_SERVICE} empty). Throws naming the key that is wrong. */
  public static DirectoryConfig of(ServiceConfig service, PrivilegesConfig json) {
    if (!service.directoryEnabled()) {
      return null;
    }
    return parse(service.directoryBaseUrl(), service.defaultClientType(), service.customIdUsersEndpoint(), json.raw());
  }

  static DirectoryConfig parse(String baseUrl, String clientType, String customIdEndpoint, JsonObject json) {
    Object section = json.getValue(USER_DIRECTORY);
    if (section != null && !(section instanceof JsonObject)) {
      throw invalid(USER_DIRECTORY + " must be an object {userPath, namePaths, groupsPaths}");
    }
    JsonObject directory = section == null ? new JsonObject() : (JsonObject) section;
    String userPath = directory.getValue("userPath") == null ? DEFAULT_USER_PATH : text(directory, "userPath");
    if (!userPath.startsWith("/") || !userPath.contains(USER_ID_PLACEHOLDER)) {
      throw invalid(USER_DIRECTORY + ".userPath must start with / and contain " + USER_ID_PLACEHOLDER
          + ", e.g. " + DEFAULT_USER_PATH);
    }
    List<List<String>> namePaths = directory.getValue("namePaths") == null ? DEFAULT_NAME_PATHS : namePaths(directory);
    List<String> groupsPaths = directory.getValue("groupsPaths") == null
        ? DEFAULT_GROUPS_PATHS : paths(directory.getValue("groupsPaths"), USER_DIRECTORY + ".groupsPaths");

    String source = null;
    String target = null;
    if (customIdEndpoint != null) {
      if (!(json.getValue(CUSTOM_USER_ID) instanceof JsonObject customUserId)) {
        throw invalid(ServiceConfig.CUSTOM_ID_USERS_API_ENDPOINT + " is set, so the JSON config must give "
            + CUSTOM_USER_ID + ": {\"source\": <query parameter>, \"target\": <field of the directory id>}");
      }
      source = text(customUserId, "source");
      target = text(customUserId, "target");
    }
    return new DirectoryConfig(baseUrl, clientType, userPath, namePaths, groupsPaths, customIdEndpoint, source, target);
  }

  /**
   * The URL of one user, its id url-encoded. URL encoding leaves {@code .} and {@code ..} as they are: in a path they
   * are dot segments, which a proxy normalising the path would resolve to another resource (whose groups would then
   * decide a role). The lookup refuses such ids first; this refuses them again rather than build such a URL.
   */
  public String userUrl(String directoryId) {
    if (isDotSegment(directoryId)) {
      throw new IllegalArgumentException("A user id '" + directoryId + "' cannot be put in the directory's path");
    }
    return baseUrl + userPath.replace(USER_ID_PLACEHOLDER, encode(directoryId));
  }

  /** {@code .} or {@code ..}: ids that would be path segments of their own in {@link #userUrl}. */
  public static boolean isDotSegment(String id) {
    return ".".equals(id) || "..".equals(id);
  }

  /** The URL that resolves a custom id: {@code endpoint?source=id}. */
  public String customIdUrl(String customId) {
    return customIdEndpoint + (customIdEndpoint.contains("?") ? "&" : "?") + encode(customIdSource) + "=" + encode(customId);
  }

  public boolean resolvesCustomIds() {
    return customIdEndpoint != null;
  }

  private static String encode(String value) {
    // URLEncoder writes a space as '+', which only means a space in a query string: %20 is right in both places.
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<List<String>> namePaths(JsonObject directory) {
    if (!(directory.getValue("namePaths") instanceof JsonArray entries) || entries.isEmpty()) {
      throw invalid(USER_DIRECTORY + ".namePaths must be a non-empty array of paths (or of arrays of paths)");
    }
    List<List<String>> result = new ArrayList<>();
    for (Object entry : entries) {
      result.add(entry instanceof JsonArray joined
          ? paths(joined, USER_DIRECTORY + ".namePaths")
          : paths(new JsonArray().add(entry), USER_DIRECTORY + ".namePaths"));
    }
    return result;
  }

  private static List<String> paths(Object value, String key) {
    if (!(value instanceof JsonArray array) || array.isEmpty()
        || !array.stream().allMatch(p -> p instanceof String s && !s.isBlank() && !s.startsWith(".") && !s.endsWith("."))) {
      throw invalid(key + " must be a non-empty array of field paths such as \"app_metadata.groups\"");
    }
    return array.stream().map(String.class::cast).toList();
  }

  private static String text(JsonObject json, String key) {
    if (json.getValue(key) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw invalid("the JSON config's " + key + " must be a non-empty string");
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("Teleconsultation config: " + message);
  }
}
