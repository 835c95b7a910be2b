package io.teleconsultation.domain;

import java.util.List;

/**
 * Who may change the company settings (POST /settings/background-image, PATCH /settings/update): only a caller in
 * one of the groups the JSON config names in {@code settingsGroups}. Deny by default: a config without the key lets
 * nobody, because a setting such as the company's default background applies to every room (the old service let any
 * caller, even a patient, change it: docs/original-service.md, "Settings").
 *
 * @param groups the allowed groups; empty when nobody may
 */
public record SettingsAccess(List<String> groups) {

  public static final String FORBIDDEN = "The user is not allowed to change the settings";

  public SettingsAccess {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static SettingsAccess nobody() {
    return new SettingsAccess(List.of());
  }

  public static SettingsAccess onlyGroups(List<String> groups) {
    return new SettingsAccess(groups);
  }

  public boolean allows(List<String> callerGroups) {
    return callerGroups.stream().anyMatch(groups::contains);
  }
}
