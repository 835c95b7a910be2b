package io.teleconsultation.domain;

import java.time.Instant;
import java.util.List;

/**
 * A partial update (PATCH body, or one participant added): any field left null keeps its stored value.
 * {@code participants} replaces the whole list.
 */
public record TeleconsultationPatch(
    Integer number, List<ParticipantSpec> participants, Instant start, Instant end, Integer durationSeconds) {

  /**
   * The schedule after the patch. A new end date drops a stored duration and vice versa. Fields not given keep
   * their stored meaning: a stored end date stays put when only the start moves, a stored duration moves with it.
   */
  public Schedule schedule(Schedule before) {
    Instant newStart = start != null ? start : before.start();
    if (end != null || durationSeconds != null) {
      return Schedule.of(newStart, end, durationSeconds);
    }
    if (before.requestedDurationSeconds() != null) {
      return Schedule.of(newStart, null, before.requestedDurationSeconds());
    }
    return Schedule.of(newStart, before.end(), null);
  }

  public int number(Teleconsultation before) {
    return number != null ? number : before.participantsNumber();
  }

  /** The participant list after the patch, as specs (the stored participants when the patch has none). */
  public List<ParticipantSpec> participants(Teleconsultation before) {
    return participants != null ? participants : before.specs();
  }
}
