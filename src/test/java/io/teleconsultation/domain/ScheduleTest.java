package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  static final Instant START = Instant.parse("2030-02-22T15:30:00.000Z");

  @Test
  void endDateGivesTheDuration() {
    Schedule schedule = Schedule.of(START, START.plusSeconds(3600), null);

    assertThat(schedule.durationSeconds()).isEqualTo(3600);
    assertThat(schedule.requestedDurationSeconds()).isNull();
  }

  @Test
  void durationGivesTheEndDateAndIsRemembered() {
    Schedule schedule = Schedule.of(START, null, 900);

    assertThat(schedule.end()).isEqualTo(START.plusSeconds(900));
    assertThat(schedule.requestedDurationSeconds()).isEqualTo(900);
  }

  @Test
  void exactlyFiveMinutesAndExactlyOneDayAreAllowed() {
    assertThat(Schedule.of(START, null, 300).durationSeconds()).isEqualTo(300);
    assertThat(Schedule.of(START, null, 86_400).durationSeconds()).isEqualTo(86_400);
  }

  @Test
  void bothEndAndDurationAreRefused() {
    assertThatThrownBy(() -> Schedule.of(START, START.plusSeconds(600), 600))
        .isInstanceOf(DomainException.class).hasMessageContaining("Only one of");
  }

  @Test
  void neitherEndNorDurationIsRefused() {
    assertThatThrownBy(() -> Schedule.of(START, null, null)).hasMessageContaining("One of end_date");
  }

  @Test
  void endBeforeStartIsRefused() {
    assertThatThrownBy(() -> Schedule.of(START, START.minusSeconds(600), null)).hasMessageContaining("at least 300");
  }

  @Test
  void lessThanFiveMinutesIsRefused() {
    assertThatThrownBy(() -> Schedule.of(START, null, 299)).hasMessageContaining("at least 300 seconds");
  }

  @Test
  void moreThanADayIsRefused() {
    assertThatThrownBy(() -> Schedule.of(START, START.plusSeconds(86_401), null))
        .hasMessageContaining("at most 86400 seconds");
  }

  @Test
  void datesOutsideTheYears2000To2099AreRefusedAsTypos() {
    assertThatThrownBy(() -> Schedule.of(Instant.parse("0000-01-01T00:00:00Z"), null, 3600))
        .hasMessageContaining("start_date must be between");
    assertThatThrownBy(() -> Schedule.of(START, Instant.parse("9999-12-31T23:59:59Z"), null))
        .hasMessageContaining("end_date must be between");
  }
}
