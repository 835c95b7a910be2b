package io.teleconsultation.domain;

import java.util.List;

/**
 * Who may change the company settings (POST /settings/background-image, PATCH /settings/update). The JSON config
 * key {@code settingsGroups} restricts them to callers in one of those groups; without the key any identified
 * caller may, as in the old service (docs/original-service.md, "Settings"), which had no such check.
 *
 * @param groups the allowed groups, or null when the config does not restrict settings
 */
public record SettingsAccess(List<String> groups) {

  public SettingsAccess {
    groups = groups == null ? null : List.copyOf(groups);
  }

  public static SettingsAccess anyCaller() {
    return new SettingsAccess(null);
  }

  public static SettingsAccess onlyGroups(List<String> groups) {
    return new SettingsAccess(groups);
  }

  /** An empty list of groups lets nobody change the settings. */
  public boolean allows(List<String> callerGroups) {
    return groups == null || callerGroups.stream().anyMatch(groups::contains);
  }
}
