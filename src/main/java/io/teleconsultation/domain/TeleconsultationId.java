package io.teleconsultation.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The form of a teleconsultation id. New teleconsultations get UUIDs; those imported from the original service keep
 * its MongoDB ObjectIds ({@code 65a1f0c2e4b0a1b2c3d4e5f6}), which its frontends store (README, "Migrating from the
 * original service"). Any id of 1–64 characters from {@code [A-Za-z0-9_-]} is therefore accepted; anything else names
 * no teleconsultation. The database column carries the same rule as a CHECK (migration V40).
 */
public final class TeleconsultationId {

  public static final int MAX_LENGTH = 64;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private TeleconsultationId() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static boolean isWellFormed(String id) {
    return id != null && FORM.matcher(id).matches();
  }

  /**
   * The stored form of an id read from a path: UUIDs are stored in lower case, and were found whatever their case
   * when the column was of type uuid; other ids (ObjectIds) are compared as they are. Empty for an id of no
   * teleconsultation's form.
   */
  public static Optional<String> canonical(String id) {
    if (!isWellFormed(id)) {
      return Optional.empty();
    }
    return Optional.of(UUID_FORM.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id);
  }

  /** The message the original service answered for an unknown id; kept so that its frontends recognise it. */
  public static String notFound(String id) {
    return "Room with id " + shown(id) + " not found";
  }

  /** An id echoed in a message: a hostile path could be long, so only its beginning is shown. */
  private static String shown(String id) {
    if (id == null) {
      return "";
    }
    return id.length() <= MAX_LENGTH ? id : id.substring(0, MAX_LENGTH) + "…";
  }
}
