package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantRulesTest {

  static ParticipantSpec user(String id) {
    return new ParticipantSpec(id, List.of("doctor"), id, null);
  }

  @Test
  void fewerKnownParticipantsThanExpectedIsFine() {
    assertThatCode(() -> ParticipantRules.checkList(3, List.of(user("a")))).doesNotThrowAnyException();
  }

  @Test
  void numberOutsideKaleyrasRoomLimitsIsRefused() {
    assertThatThrownBy(() -> ParticipantRules.checkList(1, List.of())).hasMessageContaining("between 2 and 25");
    assertThatThrownBy(() -> ParticipantRules.checkList(26, List.of())).hasMessageContaining("between 2 and 25");
  }

  @Test
  void moreKnownParticipantsThanExpectedIsRefused() {
    assertThatThrownBy(() -> ParticipantRules.checkList(2, List.of(user("a"), user("b"), user("c"))))
        .hasMessageContaining("more than participants.number");
  }

  @Test
  void theSameUserTwiceIsRefused() {
    assertThatThrownBy(() -> ParticipantRules.checkList(3, List.of(user("a"), user("a"))))
        .hasMessageContaining("Duplicate participant userId 'a'");
  }

  @Test
  void aRoomWithoutPlusUserIsRefusedWithTheOldServiceMessage() {
    assertThatThrownBy(() -> ParticipantRules.requirePlusUser(List.of(Role.BASIC, Role.BASIC), "POST /teleconsultation"))
        .hasMessage("Failed POST /teleconsultation: no plus user in room");
  }

  @Test
  void oneplusUserIsEnough() {
    assertThatCode(() -> ParticipantRules.requirePlusUser(List.of(Role.BASIC, Role.PLUS), "POST /teleconsultation"))
        .doesNotThrowAnyException();
  }

  @Test
  void aRoomWhoseKaleyraUsersWouldAllBeBasicIsRefusedNamingTheRequest() {
    assertThatThrownBy(() -> ParticipantRules.requirePlusKaleyraUser(List.of(Role.BASIC, Role.BASIC), "PATCH /teleconsultation"))
        .hasMessageStartingWith("Failed PATCH /teleconsultation: no participant would have a plus Kaleyra user");
    assertThatCode(() -> ParticipantRules.requirePlusKaleyraUser(List.of(Role.BASIC, Role.PLUS), "PATCH /teleconsultation"))
        .doesNotThrowAnyException();
  }
}
