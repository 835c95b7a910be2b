package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsAccessTest {

  @Test
  void nobodyMayChangeSettingsByDefault() {
    assertThat(SettingsAccess.nobody().allows(List.of("admin", "doctor", "patient"))).isFalse();
  }

  @Test
  void withSettingsGroupsACallerInOneOfThemMay() {
    assertThat(SettingsAccess.onlyGroups(List.of("admin", "it")).allows(List.of("doctor", "it"))).isTrue();
  }

  @Test
  void withSettingsGroupsACallerInNoneOfThemMayNot() {
    assertThat(SettingsAccess.onlyGroups(List.of("admin")).allows(List.of("doctor"))).isFalse();
  }

  @Test
  void anEmptyListOfSettingsGroupsLetsNobodyChangeSettings() {
    assertThat(SettingsAccess.onlyGroups(List.of()).allows(List.of("admin"))).isFalse();
  }
}
