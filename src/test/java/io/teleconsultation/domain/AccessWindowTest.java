package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessWindowTest {

  static final Instant START = Instant.parse("2030-02-22T15:30:00.000Z");
  static final AccessWindow TEN_MINUTES = new AccessWindow(Duration.ofMinutes(10));

  @Test
  void beforeTheImmutablePeriodTheTeleconsultationCanChangeAndNoLinkIsGiven() {
    Instant now = START.minus(Duration.ofMinutes(11));

    assertThat(TEN_MINUTES.isImmutable(true, START, now)).isFalse();
    assertThat(TEN_MINUTES.linkAvailable(true, START, now)).isFalse();
  }

  @Test
  void fromTheStartOfTheImmutablePeriodNothingChangesAndTheLinkIsGiven() {
    Instant now = START.minus(Duration.ofMinutes(10));

    assertThat(TEN_MINUTES.isImmutable(true, START, now)).isTrue();
    assertThat(TEN_MINUTES.linkAvailable(true, START, now)).isTrue();
  }

  @Test
  void whileParticipantsAreMissingTheTeleconsultationCanStillChange() {
    assertThat(TEN_MINUTES.isImmutable(false, START, START.plusSeconds(60))).isFalse();
  }

  @Test
  void withoutARoomThereIsNoLink() {
    assertThat(TEN_MINUTES.linkAvailable(false, START, START.plusSeconds(60))).isFalse();
  }
}
