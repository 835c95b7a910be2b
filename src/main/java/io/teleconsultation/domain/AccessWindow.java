package io.teleconsultation.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The immutable period: once every participant is known and now ≥ start − {@code IMMUTABLE_PERIOD_MS}, the
 * teleconsultation can no longer change, and from that moment (only) participants get their join link
 * (docs/original-service.md, "Creation and changes" and "Joining").
 */
public record AccessWindow(Duration immutablePeriod) {

  public boolean isImmutable(boolean allParticipantsKnown, Instant start, Instant now) {
    return allParticipantsKnown && !now.isBefore(start.minus(immutablePeriod));
  }

  /** A link is handed out only when it can no longer be replaced by a room re-creation. */
  public boolean linkAvailable(boolean roomExists, Instant start, Instant now) {
    return roomExists && isImmutable(true, start, now);
  }
}
