package io.teleconsultation.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.Role;
import io.teleconsultation.importer.OriginalRecords.ImportedTeleconsultation;
import io.teleconsultation.importer.OriginalRecords.ImportedUser;
import io.teleconsultation.importer.OriginalRecords.Refused;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The mapping of the original service's records, without a database. */
class OriginalRecordsTest {

  static final Privileges PRIVILEGES = new Privileges(List.of("doctor"), Map.of(), List.of("patient"), Map.of());
  static final OriginalRecords RECORDS = new OriginalRecords(PRIVILEGES);
  static final Map<String, ImportedUser> MAP = Map.of(
      "user_doc1", new ImportedUser("auth0|doctor-1", "user_doc1", Role.PLUS, "Dr. Joe Smith", List.of("doctor")),
      "user_pat7", new ImportedUser("patient-7", "user_pat7", Role.BASIC, "Jane Doe", List.of("patient")));
  static final Function<String, Optional<ImportedUser>> LOOKUP = id -> Optional.ofNullable(MAP.get(id));

  private static JsonObject teleconsultation() {
    return new JsonObject()
        .put("_id", "65a1f0c2e4b0a1b2c3d4e5f6")
        .put("bandyerRoomId", "room_1")
        .put("participantsNumber", 2)
        .put("participants", new JsonArray()
            .add(new JsonObject().put("userBandyerId", "user_doc1").put("accessLinkURL", "https://k.test/a"))
            .add(new JsonObject().put("bandyerId", "user_pat7").put("accessLinkURL", "https://k.test/b")
                .put("language", "EN").put("fullName", "Jane D.")))
        .put("startDate", "2025-01-10T10:00:00.000Z")
        .put("endDate", "2025-01-10T11:00:00.000Z");
  }

  @Test
  void keepsTheIdRoomKaleyraUsersAndLinksAndTakesExternalIdsFromTheMap() {
    ImportedTeleconsultation imported = RECORDS.teleconsultation(teleconsultation(), LOOKUP);

    assertThat(imported.teleconsultation().id()).isEqualTo("65a1f0c2e4b0a1b2c3d4e5f6");
    assertThat(imported.teleconsultation().roomId()).isEqualTo("room_1");
    assertThat(imported.deleted()).isFalse();
    Participant doctor = imported.teleconsultation().participants().get(0);
    Participant patient = imported.teleconsultation().participants().get(1);
    assertThat(doctor).isEqualTo(new Participant("auth0|doctor-1", List.of("doctor"), "Dr. Joe Smith", null,
        "user_doc1", Role.PLUS, "https://k.test/a"));
    assertThat(patient).isEqualTo(new Participant("patient-7", List.of("patient"), "Jane D.", "en",
        "user_pat7", Role.BASIC, "https://k.test/b"));
    assertThat(imported.teleconsultation().schedule().end()).isEqualTo(Instant.parse("2025-01-10T11:00:00Z"));
  }

  @Test
  void trashedRowIsDeletedAtItsLastUpdate() {
    ImportedTeleconsultation imported = RECORDS.teleconsultation(
        teleconsultation().put("__STATE__", "TRASH").put("updatedAt", "2025-01-11T00:00:00Z"), LOOKUP);

    assertThat(imported.deleted()).isTrue();
    assertThat(imported.deletedAt()).isEqualTo(Instant.parse("2025-01-11T00:00:00Z"));
  }

  @Test
  void participantUnknownToTheMapIsRefusedUnlessItCarriesItsExternalId() {
    JsonObject unknown = teleconsultation();
    unknown.getJsonArray("participants").getJsonObject(1).put("bandyerId", "user_x");

    assertThatThrownBy(() -> RECORDS.teleconsultation(unknown, LOOKUP))
        .isInstanceOf(Refused.class).hasMessage("participants[1]: Kaleyra user 'user_x' is in no row of the user id map");
    unknown.getJsonArray("participants").getJsonObject(1).put("userExternalId", "ext-9").put("groups", new JsonArray().add("patient"));
    assertThat(RECORDS.teleconsultation(unknown, LOOKUP).teleconsultation().participants().get(1).userId()).isEqualTo("ext-9");
  }

  @Test
  void oneDurationInsteadOfAnEndDateIsAccepted() {
    JsonObject old = teleconsultation();
    old.remove("endDate");
    old.put("duration", 1800);

    assertThat(RECORDS.teleconsultation(old, LOOKUP).teleconsultation().schedule().end())
        .isEqualTo(Instant.parse("2025-01-10T10:30:00Z"));
  }

  @Test
  void refusesWhatCannotBeStoredWithTheReason() {
    assertRefused(teleconsultation().put("_id", "not/an/id"), "_id 'not/an/id' is not 1-64 characters from [A-Za-z0-9_-]");
    assertRefused(teleconsultation().put("participantsNumber", 1), "participantsNumber 1 is not between 2 and 25");
    assertRefused(teleconsultation().putNull("bandyerRoomId"), "every participant is known but there is no bandyerRoomId");
    assertRefused(teleconsultation().put("endDate", "2025-01-10T09:00:00Z"),
        "endDate 2025-01-10T09:00:00Z is not after startDate 2025-01-10T10:00:00Z");
    assertRefused(teleconsultation().put("startDate", "yesterday"), "startDate 'yesterday' is not an ISO 8601 date-time");
    assertRefused(teleconsultation().put("__STATE__", "ARCHIVED"), "__STATE__ 'ARCHIVED' is none of PUBLIC, DRAFT, TRASH, DELETED");
    JsonObject noLink = teleconsultation();
    noLink.getJsonArray("participants").getJsonObject(0).put("accessLinkURL", "javascript:alert(1)");
    assertRefused(noLink, "participants[0]: accessLinkURL is missing or not an http(s) URL");
    JsonObject twice = teleconsultation();
    twice.getJsonArray("participants").getJsonObject(1).put("bandyerId", "user_doc1");
    assertRefused(twice, "participants[1]: user 'auth0|doctor-1' appears twice");
  }

  @Test
  void incompleteTeleconsultationHasNoRoomAndNoLinks() {
    JsonObject waiting = teleconsultation().put("participantsNumber", 3);
    waiting.remove("bandyerRoomId");

    ImportedTeleconsultation imported = RECORDS.teleconsultation(waiting, LOOKUP);

    assertThat(imported.teleconsultation().roomId()).isNull();
    assertThat(imported.teleconsultation().participants()).allMatch(p -> p.link() == null);
  }

  @Test
  void userMapRowAcceptsTheOlderAuth0IdAndTakesItsRoleFromItsGroups() {
    ImportedUser user = RECORDS.user(new JsonObject().put("bandyerId", "user_1").put("auth0Id", "auth0|1")
        .put("groups", new JsonArray().add("doctor")));

    assertThat(user).isEqualTo(new ImportedUser("auth0|1", "user_1", Role.PLUS, null, List.of("doctor")));
    assertThat(RECORDS.user(new JsonObject().put("bandyerId", "user_2").put("receivedUserId", "x")).role())
        .isEqualTo(Role.BASIC);
  }

  @Test
  void userMapRowWithoutIdsIsRefused() {
    assertThatThrownBy(() -> RECORDS.user(new JsonObject().put("bandyerId", "user_1")))
        .hasMessage("no receivedUserId (or auth0Id): the external user id is required");
    assertThatThrownBy(() -> RECORDS.user(new JsonObject().put("receivedUserId", "x")))
        .hasMessage("no bandyerId: the Kaleyra user id is required");
    assertThatThrownBy(() -> RECORDS.user(new JsonObject().put("receivedUserId", "x").put("bandyerId", "a b")))
        .hasMessage("bandyerId 'a b' is not a Kaleyra user id (1-128 characters from [a-zA-Z0-9._-])");
  }

  private static void assertRefused(JsonObject doc, String reason) {
    assertThatThrownBy(() -> RECORDS.teleconsultation(doc, LOOKUP)).isInstanceOf(Refused.class).hasMessage(reason);
  }
}
