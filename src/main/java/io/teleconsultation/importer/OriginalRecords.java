package io.teleconsultation.importer;

import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.Schedule;
import io.teleconsultation.domain.Teleconsultation;
import io.teleconsultation.domain.TeleconsultationId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the original service's two collections map onto this service's records (README, "Migrating from the original
 * service"). Pure: no database, no Kaleyra; a record that cannot be mapped is refused with the reason.
 *
 * <ul>
 *   <li>User id map row {@code {bandyerId, receivedUserId (or auth0Id), fullName, groups}}: the external user id
 *       keeps its existing Kaleyra user, so no second one is created for that person.
 *   <li>Teleconsultation {@code {_id, bandyerRoomId, participantsNumber, participants[], startDate, endDate,
 *       __STATE__}}: {@code _id} stays the teleconsultation id, the room and each participant's Kaleyra user and
 *       join link stay as they are; a participant's external id comes from the user id map (the original stored only
 *       the Kaleyra user id with the participant).
 * </ul>
 */
final class OriginalRecords {

  /** A record that cannot be imported, and why. */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** An external user id and the Kaleyra user the original service created for it. */
  record ImportedUser(String externalId, String kaleyraUserId, Role role, String fullName, List<String> groups) {}

  /** A teleconsultation to store, whether it was trashed, and when (null: at import time). */
  record ImportedTeleconsultation(Teleconsultation teleconsultation, boolean deleted, Instant deletedAt) {

    List<ImportedUser> users() {
      return teleconsultation.participants().stream()
          .map(p -> new ImportedUser(p.userId(), p.kaleyraUserId(), p.role(), p.fullName(), p.groups()))
          .toList();
    }
  }

  private static final Set<String> LANGUAGES = Set.of("it", "en");
  private static final Set<String> LIVE_STATES = Set.of("PUBLIC", "DRAFT");
  private static final Set<String> TRASHED_STATES = Set.of("TRASH", "DELETED");

  private final Privileges privileges;

  OriginalRecords(Privileges privileges) {
    this.privileges = privileges;
  }

  ImportedUser user(JsonObject row) {
    String kaleyraUserId = kaleyraUserId(row.getValue("bandyerId"), "bandyerId");
    // Before the original's 1.2.0 the external id was named auth0Id.
    String externalId = firstString(row, "receivedUserId", "auth0Id");
    if (externalId == null || externalId.isBlank()) {
      throw new Refused("no receivedUserId (or auth0Id): the external user id is required");
    }
    List<String> groups = groups(row);
    return new ImportedUser(externalId, kaleyraUserId, privileges.roleOrBasic(groups), string(row, "fullName"), groups);
  }

  /**
   * @param mappedUser the user id map's row for a Kaleyra user id, if any
   */
  ImportedTeleconsultation teleconsultation(JsonObject doc, Function<String, Optional<ImportedUser>> mappedUser) {
    String id = string(doc, "_id");
    if (id == null) {
      throw new Refused("no _id");
    }
    if (!TeleconsultationId.isWellFormed(id)) {
      throw new Refused("_id '" + id + "' is not 1-64 characters from [A-Za-z0-9_-]");
    }
    String roomId = string(doc, "bandyerRoomId");
    if (roomId != null && roomId.isBlank()) {
      roomId = null;
    }
    JsonArray rows = doc.getValue("participants") instanceof JsonArray array ? array : null;
    if (rows == null) {
      throw new Refused("participants is not an array");
    }
    List<Participant> participants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      if (!(rows.getValue(i) instanceof JsonObject row)) {
        throw new Refused("participants[" + i + "] is not an object");
      }
      Participant participant = participant(i, row, roomId != null, mappedUser);
      if (!seen.add(participant.userId())) {
        throw new Refused("participants[" + i + "]: user '" + participant.userId() + "' appears twice");
      }
      participants.add(participant);
    }
    int number = doc.getValue("participantsNumber") == null ? participants.size() : integer(doc, "participantsNumber");
    if (number < 2 || number > 25) {
      throw new Refused("participantsNumber " + number + " is not between 2 and 25");
    }
    if (participants.size() > number) {
      throw new Refused(participants.size() + " participants but participantsNumber " + number);
    }
    if (roomId == null && participants.size() == number) {
      throw new Refused("every participant is known but there is no bandyerRoomId");
    }
    Instant start = instant(doc, "startDate");
    if (start == null) {
      throw new Refused("no startDate");
    }
    Instant end = instant(doc, "endDate");
    if (end == null && doc.getValue("duration") instanceof Number seconds) {
      // The original's 1.0 stored a duration instead of an end date.
      end = start.plusSeconds(seconds.longValue());
    }
    if (end == null) {
      throw new Refused("no endDate");
    }
    if (!end.isAfter(start)) {
      throw new Refused("endDate " + end + " is not after startDate " + start);
    }
    boolean deleted = trashed(doc);
    Teleconsultation teleconsultation =
        new Teleconsultation(id, number, new Schedule(start, end, null), roomId, participants, 0);
    return new ImportedTeleconsultation(teleconsultation, deleted, deleted ? instant(doc, "updatedAt") : null);
  }

  private Participant participant(
      int index, JsonObject row, boolean hasRoom, Function<String, Optional<ImportedUser>> mappedUser) {
    String where = "participants[" + index + "]: ";
    Object kaleyraValue = row.getValue("userBandyerId") != null ? row.getValue("userBandyerId") : row.getValue("bandyerId");
    String kaleyraUserId;
    try {
      kaleyraUserId = kaleyraUserId(kaleyraValue, "userBandyerId (or bandyerId)");
    } catch (Refused refused) {
      throw new Refused(where + refused.getMessage());
    }
    Optional<ImportedUser> mapped = mappedUser.apply(kaleyraUserId);
    String userId = mapped.map(ImportedUser::externalId)
        .orElseGet(() -> firstString(row, "userId", "userExternalId", "receivedUserId"));
    if (userId == null || userId.isBlank()) {
      throw new Refused(where + "Kaleyra user '" + kaleyraUserId + "' is in no row of the user id map");
    }
    String link = string(row, "accessLinkURL");
    if (hasRoom && (link == null || !isHttpUrl(link))) {
      throw new Refused(where + "accessLinkURL is missing or not an http(s) URL");
    }
    List<String> groups = groups(row);
    if (groups.isEmpty() && mapped.isPresent()) {
      groups = mapped.get().groups();
    }
    String fullName = string(row, "fullName");
    if (fullName == null || fullName.isBlank()) {
      fullName = mapped.map(ImportedUser::fullName).filter(name -> !name.isBlank()).orElse(userId);
    }
    String language = string(row, "language");
    language = language != null && LANGUAGES.contains(language.toLowerCase(Locale.ROOT))
        ? language.toLowerCase(Locale.ROOT) : null;
    return new Participant(userId, groups, fullName, language, kaleyraUserId, privileges.roleOrBasic(groups),
        hasRoom ? link : null);
  }

  private static boolean trashed(JsonObject doc) {
    String state = string(doc, "__STATE__");
    if (state == null || LIVE_STATES.contains(state)) {
      return false;
    }
    if (TRASHED_STATES.contains(state)) {
      return true;
    }
    throw new Refused("__STATE__ '" + state + "' is none of PUBLIC, DRAFT, TRASH, DELETED");
  }

  private static String kaleyraUserId(Object value, String field) {
    if (!(value instanceof String id) || id.isBlank()) {
      throw new Refused("no " + field + ": the Kaleyra user id is required");
    }
    if (!KaleyraUserId.isValid(id)) {
      throw new Refused(field + " '" + id + "' is not a Kaleyra user id (1-128 characters from [a-zA-Z0-9._-])");
    }
    return id;
  }

  private static List<String> groups(JsonObject row) {
    Object groups = row.getValue("groups");
    if (groups instanceof JsonArray array) {
      return array.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    if (groups instanceof String single) {
      return List.of(single);
    }
    // The original's diagrams also show a single "group".
    return row.getValue("group") instanceof String single ? List.of(single) : List.of();
  }

  private static boolean isHttpUrl(String link) {
    try {
      URI uri = URI.create(link);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String firstString(JsonObject row, String... fields) {
    for (String field : fields) {
      String value = string(row, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String string(JsonObject row, String field) {
    Object value = row.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new Refused(field + " is not a string");
    }
    return text;
  }

  private static int integer(JsonObject row, String field) {
    if (!(row.getValue(field) instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new Refused(field + " is not an integer");
    }
    return number.intValue();
  }

  private static Instant instant(JsonObject row, String field) {
    String value = string(row, field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        throw new Refused(field + " '" + value + "' is not an ISO 8601 date-time");
      }
    }
  }
}
