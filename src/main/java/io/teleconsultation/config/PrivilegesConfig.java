package io.teleconsultation.config;

import io.teleconsultation.domain.BackgroundGroups;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.SettingsAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON config named by {@code TELECONSULTATION_SERVICE_CONFIG_PATH}, the original service's config map (README,
 * "Configuration"): roles → groups and tools, and the groups of two features; other keys of the original (theme,
 * companyLogo…) are not applied and named at start ({@link UnappliedSettings}). Without a path,
 * conf/teleconsultation-config.json applies (doctor → plus, patient → basic, every tool on).
 *
 * <p>Three optional keys name groups: {@code groupsWithBackgroundList} (docs/original-service.md,
 * "Configuration": participants who always join with the company background), {@code settingsGroups} (ours: who may
 * change the company settings; nobody when absent) and {@code managerGroups} (ours: callers who may change every
 * teleconsultation, such as a back office).
 *
 * <p>Three keys of the user-directory mode are read elsewhere: {@code userDirectory} and {@code customUserId} by
 * {@link DirectoryConfig}, {@code userIdPathInRequest} by {@code api.CallerIdPath}.
 */
public record PrivilegesConfig(JsonObject raw) {

  public static final String DEFAULT_PATH = "conf/teleconsultation-config.json";
  public static final String SETTINGS_GROUPS = "settingsGroups";
  public static final String GROUPS_WITH_BACKGROUND = "groupsWithBackgroundList";
  public static final String MANAGER_GROUPS = "managerGroups";

  /** The eight Kaleyra call tools (docs/kaleyra.md, "POST /rooms"). */
  public static final List<String> TOOLS = List.of(
      "chat", "screen_sharing", "file_upload", "whiteboard", "snapshot", "live_edit", "live_pointer",
      "present_to_everyone");

  public static Future<PrivilegesConfig> load(Vertx vertx, String path) {
    String effectivePath = path != null ? path : DEFAULT_PATH;
    return vertx.fileSystem().readFile(effectivePath)
        .recover(err -> Future.failedFuture(new IllegalArgumentException(
            "Cannot read the teleconsultation config at " + effectivePath + ": " + err.getMessage())))
        .map(buffer -> {
          try {
            return parse(buffer.toJsonObject(), effectivePath);
          } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("The teleconsultation config at " + effectivePath + " is not valid JSON");
          }
        });
  }

  static PrivilegesConfig parse(JsonObject json, String source) {
    JsonObject privileges = json.getJsonObject("privileges");
    if (privileges == null || privileges.getJsonObject("plus") == null || privileges.getJsonObject("basic") == null) {
      throw new IllegalArgumentException(
          "The teleconsultation config at " + source + " must define privileges.plus and privileges.basic");
    }
    for (String role : List.of("plus", "basic")) {
      JsonArray groups = privileges.getJsonObject(role).getJsonArray("groups");
      if (groups == null || groups.isEmpty()) {
        throw new IllegalArgumentException(
            "The teleconsultation config at " + source + " must list privileges." + role + ".groups");
      }
    }
    for (String key : List.of(SETTINGS_GROUPS, GROUPS_WITH_BACKGROUND, MANAGER_GROUPS)) {
      Object groups = json.getValue(key);
      if (groups != null && !(groups instanceof JsonArray array && array.stream().allMatch(String.class::isInstance))) {
        throw new IllegalArgumentException(
            "The teleconsultation config at " + source + " must give " + key + " as an array of group names");
      }
    }
    // A blank manager group would match nothing today, and whatever a gateway one day sends empty: refuse it.
    JsonArray managers = json.getJsonArray(MANAGER_GROUPS);
    if (managers != null && managers.stream().anyMatch(group -> ((String) group).isBlank())) {
      throw new IllegalArgumentException(
          "The teleconsultation config at " + source + " must not list a blank group in " + MANAGER_GROUPS);
    }
    return new PrivilegesConfig(json);
  }

  /** Deny by default: without {@code settingsGroups}, nobody may change the company settings. */
  public SettingsAccess settingsAccess() {
    JsonArray groups = raw.getJsonArray(SETTINGS_GROUPS);
    return groups == null ? SettingsAccess.nobody() : SettingsAccess.onlyGroups(strings(groups));
  }

  /** The groups whose callers may change every teleconsultation; none without the key. */
  public List<String> managerGroups() {
    JsonArray groups = raw.getJsonArray(MANAGER_GROUPS);
    return groups == null ? List.of() : strings(groups);
  }

  public BackgroundGroups backgroundGroups() {
    JsonArray groups = raw.getJsonArray(GROUPS_WITH_BACKGROUND);
    return groups == null ? BackgroundGroups.none() : new BackgroundGroups(strings(groups));
  }

  public Privileges privileges() {
    JsonObject privileges = raw.getJsonObject("privileges");
    JsonObject plus = privileges.getJsonObject("plus");
    JsonObject basic = privileges.getJsonObject("basic");
    return new Privileges(groups(plus), tools(plus), groups(basic), tools(basic));
  }

  private static List<String> groups(JsonObject role) {
    return strings(role.getJsonArray("groups"));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }

  /** A role without {@code tools} gets every tool, as Kaleyra does for a participant without tools. */
  private static Map<String, Boolean> tools(JsonObject role) {
    JsonObject tools = role.getJsonObject("tools");
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (String tool : TOOLS) {
      result.put(tool, tools == null || tools.getBoolean(tool, false));
    }
    return result;
  }
}
