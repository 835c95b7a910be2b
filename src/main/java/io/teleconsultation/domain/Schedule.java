package io.teleconsultation.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a teleconsultation takes place. Clients give either an end date or a duration (never both); we keep
 * which one they gave so that a later partial update can replace it.
 */
public record Schedule(Instant start, Instant end, Integer requestedDurationSeconds) {

  /** "The duration ... must be at least 5 minutes" (docs/original-service.md, "Creation and changes"). */
  public static final Duration MINIMUM = Duration.ofMinutes(5);
  /** A Kaleyra room lasts at most 24 h (docs/original-service.md, "Creation and changes"). */
  public static final Duration MAXIMUM = Duration.ofHours(24);
  /** Dates outside this range can only be typos (year 0, 9999…): refused rather than stored. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /**
   * Builds a schedule from the request fields, enforcing: exactly one of end date and duration, end after start,
   * duration between 5 minutes and 24 hours.
   */
  public static Schedule of(Instant start, Instant end, Integer durationSeconds) {
    if (start == null) {
      throw DomainException.invalid("start_date is required");
    }
    if (end != null && durationSeconds != null) {
      throw DomainException.invalid("Only one of end_date and duration_in_seconds can be given");
    }
    if (end == null && durationSeconds == null) {
      throw DomainException.invalid("One of end_date and duration_in_seconds is required");
    }
    requirePlausible("start_date", start);
    if (end != null) {
      requirePlausible("end_date", end);
    }
    Instant effectiveEnd = end != null ? end : start.plusSeconds(durationSeconds);
    Duration length = Duration.between(start, effectiveEnd);
    if (length.compareTo(MINIMUM) < 0) {
      throw DomainException.invalid(
          "The teleconsultation must last at least 300 seconds, but lasts " + length.toSeconds() + " seconds");
    }
    if (length.compareTo(MAXIMUM) > 0) {
      throw DomainException.invalid(
          "The teleconsultation must last at most 86400 seconds (24 h), but lasts " + length.toSeconds() + " seconds");
    }
    return new Schedule(start, effectiveEnd, durationSeconds);
  }

  private static void requirePlausible(String field, Instant date) {
    if (date.isBefore(EARLIEST) || !date.isBefore(LATEST)) {
      throw DomainException.invalid(field + " must be between 2000-01-01 and 2099-12-31, not " + date);
    }
  }

  public long durationSeconds() {
    return Duration.between(start, end).toSeconds();
  }
}
