package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundGroupsTest {

  static final BackgroundGroups PATIENTS = new BackgroundGroups(List.of("patient"));

  @Test
  void aParticipantInABackgroundGroupAlwaysGetsTheBackground() {
    assertThat(PATIENTS.useBackground(false, List.of("vip", "patient"))).isTrue();
  }

  @Test
  void otherParticipantsGetItOnlyWhenTheyAskForIt() {
    assertThat(PATIENTS.useBackground(false, List.of("doctor"))).isFalse();
    assertThat(PATIENTS.useBackground(true, List.of("doctor"))).isTrue();
  }

  @Test
  void withoutBackgroundGroupsOnlyTheRequestDecides() {
    assertThat(BackgroundGroups.none().useBackground(false, List.of("patient"))).isFalse();
  }
}
