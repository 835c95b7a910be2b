package io.teleconsultation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional group lists of the JSON config: settingsGroups, groupsWithBackgroundList and managerGroups. */
class PrivilegesConfigTest {

  static final String PRIVILEGES = """
      "privileges": {"plus": {"groups": ["doctor"]}, "basic": {"groups": ["patient"]}}""";

  static PrivilegesConfig parse(String extra) {
    return PrivilegesConfig.parse(new JsonObject("{" + PRIVILEGES + extra + "}"), "test.json");
  }

  @Test
  void withoutSettingsGroupsNobodyMayChangeSettings() {
    assertThat(parse("").settingsAccess().allows(List.of("admin", "doctor"))).isFalse();
  }

  @Test
  void settingsGroupsRestrictWhoMayChangeSettings() {
    PrivilegesConfig config = parse(", \"settingsGroups\": [\"admin\"]");

    assertThat(config.settingsAccess().allows(List.of("admin"))).isTrue();
    assertThat(config.settingsAccess().allows(List.of("doctor"))).isFalse();
  }

  @Test
  void groupsWithBackgroundListNamesWhoAlwaysGetsTheBackground() {
    PrivilegesConfig config = parse(", \"groupsWithBackgroundList\": [\"patient\"]");

    assertThat(config.backgroundGroups().useBackground(false, List.of("patient"))).isTrue();
    assertThat(parse("").backgroundGroups().useBackground(false, List.of("patient"))).isFalse();
  }

  @Test
  void aGroupListThatIsNotAnArrayOfNamesIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> parse(", \"settingsGroups\": \"admin\""))
        .hasMessageContaining("settingsGroups");
    assertThatThrownBy(() -> parse(", \"groupsWithBackgroundList\": [1]"))
        .hasMessageContaining("groupsWithBackgroundList");
  }

  @Test
  void managerGroupsNameWhoMayChangeEveryTeleconsultation() {
    assertThat(parse(", \"managerGroups\": [\"back-office\"]").managerGroups()).containsExactly("back-office");
    assertThat(parse("").managerGroups()).as("no managers unless configured").isEmpty();
  }

  @Test
  void malformedManagerGroupsAreRefusedAtStart() {
    assertThatThrownBy(() -> parse(", \"managerGroups\": \"back-office\""))
        .hasMessageContaining("managerGroups");
    assertThatThrownBy(() -> parse(", \"managerGroups\": [\"back-office\", 7]"))
        .hasMessageContaining("managerGroups");
    assertThatThrownBy(() -> parse(", \"managerGroups\": [\" \"]"))
        .hasMessageContaining("managerGroups");
  }
}
