package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivilegesTest {

  static final Privileges PRIVILEGES = new Privileges(
      List.of("doctor"), Map.of("chat", true, "whiteboard", true), List.of("patient"), Map.of("chat", true, "whiteboard", false));

  static ParticipantSpec withGroups(String... groups) {
    return new ParticipantSpec("u1", List.of(groups), "User One", null);
  }

  @Test
  void plusGroupMakesAPlusUser() {
    assertThat(PRIVILEGES.roleOf(withGroups("doctor"))).isEqualTo(Role.PLUS);
  }

  @Test
  void basicGroupMakesABasicUser() {
    assertThat(PRIVILEGES.roleOf(withGroups("patient"))).isEqualTo(Role.BASIC);
  }

  @Test
  void theHigherRoleWinsWhenAUserHasBoth() {
    assertThat(PRIVILEGES.roleOf(withGroups("patient", "doctor"))).isEqualTo(Role.PLUS);
  }

  @Test
  void unknownGroupsAreIgnoredWhenAKnownOneIsPresent() {
    assertThat(PRIVILEGES.roleOf(withGroups("admin", "patient"))).isEqualTo(Role.BASIC);
  }

  @Test
  void onlyUnknownGroupsAreRefusedNamingThemAndTheUser() {
    assertThatThrownBy(() -> PRIVILEGES.roleOf(withGroups("nurse")))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("nurse")
        .hasMessageContaining("u1");
  }

  @Test
  void eachRoleHasItsOwnTools() {
    assertThat(PRIVILEGES.toolsOf(Role.PLUS)).containsEntry("whiteboard", true);
    assertThat(PRIVILEGES.toolsOf(Role.BASIC)).containsEntry("whiteboard", false);
  }

  @Test
  void credentialsCallerWithAPlusGroupIsPlus() {
    assertThat(PRIVILEGES.roleOrBasic(List.of("patient", "doctor"))).isEqualTo(Role.PLUS);
  }

  @Test
  void credentialsCallerWithUnknownGroupsIsBasicInsteadOfRefused() {
    assertThat(PRIVILEGES.roleOrBasic(List.of("nurse"))).isEqualTo(Role.BASIC);
  }

  @Test
  void credentialsCallerWithoutGroupsIsBasic() {
    assertThat(PRIVILEGES.roleOrBasic(List.of())).isEqualTo(Role.BASIC);
  }
}
