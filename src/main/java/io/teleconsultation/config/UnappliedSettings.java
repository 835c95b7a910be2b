package io.teleconsultation.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings a deployment of the original service may carry that this service does not apply, so that a team switching
 * over is told, in one WARN at start, which of theirs have no effect (README, "Migrating from the original service")
 * instead of finding out later.
 */
public final class UnappliedSettings {

  /** Read by the HTTP edge (api.CallerIdPath); named here so that config does not depend on api. */
  private static final String USER_ID_PATH_IN_REQUEST = "userIdPathInRequest";

  /** Keys of the JSON config (TELECONSULTATION_SERVICE_CONFIG_PATH) that this service reads. */
  public static final Set<String> APPLIED_CONFIG_KEYS = Set.of("privileges", PrivilegesConfig.GROUPS_WITH_BACKGROUND,
      PrivilegesConfig.SETTINGS_GROUPS, PrivilegesConfig.MANAGER_GROUPS, DirectoryConfig.USER_DIRECTORY,
      DirectoryConfig.CUSTOM_USER_ID, USER_ID_PATH_IN_REQUEST);

  /**
   * Environment variables of the original service that mean nothing here, and why: its data lived in Mia-Platform's
   * CRUD service (now PostgreSQL, see the import command); transcriptions are not part of this service.
   */
  public static final Map<String, String> ORIGINAL_ENVIRONMENT = Map.of(
      "CRUD_SERVICE_URL", "the data lives in PostgreSQL (DATABASE_URL)",
      "CRUD_SERVICE", "the data lives in PostgreSQL (DATABASE_URL)",
      "TELECONSULTATIONS_CRUD_NAME", "the data lives in PostgreSQL (DATABASE_URL)",
      "USER_ID_MAP_CRUD_NAME", "the data lives in PostgreSQL (DATABASE_URL)",
      "TRANSCRIPTION_MAX_FILE_SIZE", "transcriptions are not available");

  private UnappliedSettings() {}

  /**
   * @param environment the process environment
   * @param jsonConfig the JSON config's content
   * @return one line naming every setting given but not applied; empty when there is none
   */
  public static String describe(Map<String, String> environment, JsonObject jsonConfig) {
    List<String> parts = new ArrayList<>();
    List<String> keys = jsonConfig.fieldNames().stream().filter(key -> !APPLIED_CONFIG_KEYS.contains(key)).sorted().toList();
    if (!keys.isEmpty()) {
      parts.add("keys of the JSON config " + keys + " (this service applies only " + APPLIED_CONFIG_KEYS.stream().sorted().toList() + ")");
    }
    List<String> variables = ORIGINAL_ENVIRONMENT.keySet().stream()
        .filter(name -> environment.get(name) != null && !environment.get(name).isBlank())
        .sorted()
        .map(name -> name + " (" + ORIGINAL_ENVIRONMENT.get(name) + ")")
        .toList();
    if (!variables.isEmpty()) {
      parts.add("environment variables " + String.join(", ", variables));
    }
    return parts.isEmpty() ? "" : "Settings of the original service that are NOT applied: " + String.join("; ", parts);
  }
}
