package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PATCH, participants/data and DELETE with the default configuration (unlimited rooms, no immutable period). */
@ExtendWith(VertxExtension.class)
class ChangesTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static TestDatabase database;
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of());
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @BeforeEach
  void kaleyraWorks() {
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
  }

  /** A complete teleconsultation starting in two hours (links not handed out yet, changes allowed). */
  private String booked() {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 2, doctor(), patient()));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("roomId");
  }

  private HttpResponse<Buffer> patch(String id, JsonObject body) {
    return contract.check("updateTeleconsultation", service.patch("/teleconsultation/" + id, body));
  }

  private String room(String id) {
    return database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'");
  }

  private static JsonObject participants(int number, JsonObject... data) {
    return new JsonObject().put("participants", new JsonObject().put("number", number).put("data", new JsonArray(List.of(data))));
  }

  @Test
  void patchOfAnUnknownIdAnswers404() {
    HttpResponse<Buffer> response = patch(UUID.randomUUID().toString(), new JsonObject().put("duration_in_seconds", 900));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void emptyPatchIsRefused() {
    HttpResponse<Buffer> response = patch(booked(), new JsonObject());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void replacingAParticipantReplacesTheRoomAndDeletesTheOldOne() {
    String id = booked();
    String before = room(id);

    HttpResponse<Buffer> response = patch(id, participants(2, doctor(), participant("patient-9", "patient", "New Patient")));

    assertThat(response.statusCode()).isEqualTo(204);
    String after = room(id);
    assertThat(after).isNotEqualTo(before);
    assertThat(kaleyra.deletedRooms()).contains(before);
    assertThat(kaleyra.liveRooms()).contains(after).doesNotContain(before);
    assertThat(service.get("/teleconsultation/" + id, PATIENT).statusCode()).as("the old patient is out").isEqualTo(401);
    assertThat(service.get("/teleconsultation/" + id, "patient-9").statusCode()).isEqualTo(200);
  }

  @Test
  void patchThatLeavesNoPlusUserIsRefusedWithTheOldMessageAndChangesNothing() {
    String id = booked();
    String before = room(id);
    int roomsBefore = kaleyra.createdRooms().size();

    HttpResponse<Buffer> response = patch(id, participants(2, patient(), participant("patient-10", "patient", "Other")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Failed PATCH /teleconsultation: no plus user in room");
    assertThat(room(id)).isEqualTo(before);
    assertThat(kaleyra.createdRooms()).hasSize(roomsBefore);
    assertThat(service.get("/teleconsultation/" + id, DOCTOR).statusCode()).isEqualTo(200);
  }

  @Test
  void changingDatesOfAnUnlimitedRoomKeepsTheRoom() {
    String id = booked();
    String before = room(id);
    Instant later = Instant.now().plusSeconds(10_800);

    HttpResponse<Buffer> response = patch(id, new JsonObject()
        .put("start_date", later.toString()).put("end_date", later.plusSeconds(600).toString()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(room(id)).isEqualTo(before);
    assertThat(kaleyra.deletedRooms()).doesNotContain(before);
    assertThat(database.count("SELECT extract(epoch FROM end_date - start_date)::int FROM teleconsultations WHERE id = '" + id + "'"))
        .isEqualTo(600);
  }

  @Test
  void patchGivingBothEndDateAndDurationIsRefused() {
    String id = booked();

    HttpResponse<Buffer> response = patch(id, new JsonObject()
        .put("end_date", Instant.now().plusSeconds(9000).toString()).put("duration_in_seconds", 900));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void raisingTheNumberOfParticipantsRemovesTheRoomUntilEveryoneIsKnown() {
    String id = booked();
    String before = room(id);

    HttpResponse<Buffer> response = patch(id, participants(3, doctor(), patient()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(room(id)).isNull();
    assertThat(kaleyra.deletedRooms()).contains(before);
    JsonObject view = service.get("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject();
    assertThat(view.getValue("details")).isNull();
  }

  @Test
  void renamingAParticipantKeepsTheRoom() {
    String id = booked();
    String before = room(id);

    HttpResponse<Buffer> response = patch(id, participants(2, doctor(), patient().put("fullName", "Jane Doe-Smith")));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(room(id)).isEqualTo(before);
    assertThat(service.get("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject().getJsonArray("participantsBandyerCall")
        .getJsonObject(1).getString("fullName")).isEqualTo("Jane Doe-Smith");
  }

  @Test
  void addingAParticipantWhoIsAlreadyThereIsAConflict() {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()));
    String id = created.bodyAsJsonObject().getString("roomId");

    HttpResponse<Buffer> response = contract.check("addParticipant",
        service.post("/teleconsultation/" + id + "/participants/data", patient()));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(PATIENT);
  }

  @Test
  void addingBeyondTheExpectedNumberIsRefused() {
    String id = booked();

    HttpResponse<Buffer> response = contract.check("addParticipant",
        service.post("/teleconsultation/" + id + "/participants/data", participant("extra-1", "patient", "Extra")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("already has all its 2 participants");
  }

  @Test
  void completingTheListWithoutAPlusUserIsRefusedWithTheOldMessage() {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 2, patient()));
    String id = created.bodyAsJsonObject().getString("roomId");

    HttpResponse<Buffer> response = contract.check("addParticipant",
        service.post("/teleconsultation/" + id + "/participants/data", participant("patient-11", "patient", "P11")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .isEqualTo("Failed POST /teleconsultation/" + id + "/participants/data: no plus user in room");
    assertThat(room(id)).isNull();
  }

  @Test
  void deletingTreatsARoomKaleyraAlreadyDroppedAsDeleted() {
    String id = booked();
    wireMock.stubFor(delete(urlEqualTo("/v2/rooms/" + room(id))).willReturn(jsonResponse("{\"error\":\"gone\"}", 404)));

    HttpResponse<Buffer> response = contract.check("deleteTeleconsultation", service.delete("/teleconsultation/" + id));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(service.get("/teleconsultation/" + id, DOCTOR).statusCode()).isEqualTo(404);
  }

  @Test
  void deletingAnUnknownIdAnswers404() {
    HttpResponse<Buffer> response = contract.check("deleteTeleconsultation",
        service.delete("/teleconsultation/" + UUID.randomUUID()));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void concurrentPatchesLeaveExactlyOneLiveRoomAndItIsTheStoredOne(Vertx vertx) {
    String id = booked();
    int racers = 8;
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      JsonObject body = participants(2, doctor(), participant("racer-" + i, "patient", "Racer " + i));
      responses.add(service.request(HttpMethod.PATCH, "/teleconsultation/" + id).sendJsonObject(body));
    }
    List<Integer> statuses = Future.join(responses).await().list().stream()
        .map(response -> ((HttpResponse<?>) response).statusCode()).toList();

    assertThat(statuses).contains(204).allMatch(status -> status == 204 || status == 409);
    assertThat(kaleyra.liveRooms()).containsExactly(room(id));
  }

  @Test
  void patchRacingADeleteNeverLeavesALiveRoom() {
    String id = booked();

    Future<HttpResponse<Buffer>> patch = service.request(HttpMethod.PATCH, "/teleconsultation/" + id)
        .sendJsonObject(participants(2, doctor(), participant("racer-x", "patient", "Racer X")));
    Future<HttpResponse<Buffer>> delete = service.request(HttpMethod.DELETE, "/teleconsultation/" + id).send();
    Future.join(patch, delete).await();

    assertThat(delete.result().statusCode()).isIn(204, 409);
    if (delete.result().statusCode() == 204) {
      assertThat(kaleyra.liveRooms()).isEmpty();
    } else {
      assertThat(kaleyra.liveRooms()).containsExactly(room(id));
    }
  }

  @Test
  void twoDeletesAtOnceAnswer204ThenAConsistent404() {
    String id = booked();

    Future<HttpResponse<Buffer>> first = service.request(HttpMethod.DELETE, "/teleconsultation/" + id).send();
    Future<HttpResponse<Buffer>> second = service.request(HttpMethod.DELETE, "/teleconsultation/" + id).send();
    Future.join(first, second).await();

    assertThat(List.of(first.result().statusCode(), second.result().statusCode())).containsExactlyInAnyOrder(204, 404);
    assertThat(kaleyra.liveRooms()).isEmpty();
  }

  @Test
  void listingTheSameParticipantsInAnotherOrderKeepsTheRoom() {
    String id = booked();
    String before = room(id);

    HttpResponse<Buffer> response = patch(id, participants(2, patient(), doctor()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(room(id)).isEqualTo(before);
  }

  @Test
  void aChangeThatReachesTheImmutablePeriodWhileKaleyraIsSlowIsRefusedAndTheOldRoomStays() {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(1), 2, doctor(), patient()));
    String id = created.bodyAsJsonObject().getString("roomId");
    String before = room(id);
    // The new room takes longer to come than the time left before the start: by the commit, links may be out.
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withFixedDelay(1800)
        .withBody("{\"room_id\":\"room_too_late\",\"participants\":["
            + "{\"user_id\":\"" + io.teleconsultation.domain.KaleyraUserId.of(DOCTOR) + "\",\"link\":\"https://kaleyra.test/late/d\"},"
            + "{\"user_id\":\"" + io.teleconsultation.domain.KaleyraUserId.of("late-patient") + "\",\"link\":\"https://kaleyra.test/late/p\"}]}")));

    HttpResponse<Buffer> response = patch(id, participants(2, doctor(), participant("late-patient", "patient", "Late")));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(room(id)).isEqualTo(before);
    assertThat(kaleyra.deletedRooms()).contains("room_too_late").doesNotContain(before);
  }
}
