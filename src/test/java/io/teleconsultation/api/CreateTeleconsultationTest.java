package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /teleconsultation, through the real HTTP API, with WireMock as Kaleyra and a real PostgreSQL. */
@ExtendWith(VertxExtension.class)
class CreateTeleconsultationTest {

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
    kaleyra.usersAreCreated().roomsCanBeDeleted();
  }

  private HttpResponse<Buffer> create(JsonObject body) {
    return contract.check("createTeleconsultation", service.post("/teleconsultation", body));
  }

  private long storedTeleconsultations() {
    return database.count("SELECT count(*) FROM teleconsultations");
  }

  @Test
  void completeParticipantListCreatesKaleyraUsersAndRoomAndAnswers201WithTheId() {
    String doctor = "doc-" + UUID.randomUUID();
    String patient = "pat-" + UUID.randomUUID();
    kaleyra.roomIsCreated("room_complete", List.of(doctor, patient));

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant(doctor, "doctor", "Dr. New"), participant(patient, "patient", "New Patient")));

    assertThat(response.statusCode()).isEqualTo(201);
    UUID id = UUID.fromString(response.bodyAsJsonObject().getString("roomId"));
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + id + "' AND room_id = 'room_complete'"))
        .isEqualTo(1);

    List<LoggedRequest> users = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users")));
    assertThat(users).hasSize(2).allSatisfy(request -> {
      assertThat(request.getHeader("apikey")).isEqualTo(Service.API_KEY);
      assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    });
    assertThat(users).extracting(request -> new JsonObject(request.getBodyAsString()).getString("id"))
        .containsExactlyInAnyOrder(KaleyraUserId.of(doctor), KaleyraUserId.of(patient));
    assertThat(users).extracting(request -> new JsonObject(request.getBodyAsString()).getString("role"))
        .containsExactlyInAnyOrder("plus", "basic");

    List<LoggedRequest> rooms = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms")));
    assertThat(rooms).hasSize(1);
    assertThat(rooms.get(0).getHeader("apikey")).isEqualTo(Service.API_KEY);
    JsonObject room = new JsonObject(rooms.get(0).getBodyAsString());
    JsonArray participants = room.getJsonArray("participants");
    assertThat(participants.getJsonObject(0).getString("user_id")).isEqualTo(KaleyraUserId.of(doctor));
    assertThat(participants.getJsonObject(0).getBoolean("is_admin")).isTrue();
    assertThat(participants.getJsonObject(1).getString("user_id")).isEqualTo(KaleyraUserId.of(patient));
    assertThat(participants.getJsonObject(1).getBoolean("is_admin")).isFalse();
    assertThat(participants.getJsonObject(0).getJsonObject("tools").fieldNames()).containsExactlyInAnyOrder(
        "chat", "screen_sharing", "file_upload", "whiteboard", "snapshot", "live_edit", "live_pointer",
        "present_to_everyone");
    assertThat(room.containsKey("duration")).as("unlimited rooms have no duration").isFalse();
    assertThat(room.getBoolean("live")).isTrue();
    assertThat(room.getString("recording")).isEqualTo("none");
    assertThat(room.getString("call_type")).isEqualTo("audio_video");
  }

  @Test
  void partialParticipantListIsStoredWithoutCreatingARoom() {
    HttpResponse<Buffer> response = create(body(Instant.now().plusSeconds(3600), 3,
        participant("doc-partial", "doctor", "Dr. Partial"), participant("pat-partial", "patient", "Pat Partial")));

    assertThat(response.statusCode()).isEqualTo(201);
    String id = response.bodyAsJsonObject().getString("roomId");
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + id + "' AND room_id IS NULL"))
        .isEqualTo(1);
    wireMock.verify(2, postRequestedFor(urlEqualTo("/v2/users")));
    wireMock.verify(0, postRequestedFor(urlEqualTo("/v2/rooms")));
  }

  @Test
  void partialListWithoutPlusUserYetIsAccepted() {
    HttpResponse<Buffer> response = create(body(Instant.now().plusSeconds(3600), 2, patient()));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void completeListWithoutPlusUserIsRefusedAndNothingReachesKaleyraOrTheDatabase() {
    long before = storedTeleconsultations();

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("p1", "patient", "Ann"), participant("p2", "patient", "Bob")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error"))
        .isEqualTo("Failed POST /teleconsultation: no plus user in room");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
    assertThat(storedTeleconsultations()).isEqualTo(before);
  }

  @Test
  void participantWithAnUnknownGroupIsRefusedNamingTheGroup() {
    HttpResponse<Buffer> response = create(body(Instant.now(), 2, doctor(), participant("n1", "nurse", "Nina")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("nurse").contains("n1");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void moreParticipantsThanTheExpectedNumberIsRefused() {
    HttpResponse<Buffer> response = create(body(Instant.now(), 2, doctor(), patient(),
        participant("p3", "patient", "Carl")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("more than participants.number");
  }

  @Test
  void duplicateUserIdIsRefused() {
    HttpResponse<Buffer> response = create(body(Instant.now(), 3, doctor(), doctor()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("Duplicate participant userId");
  }

  @Test
  void bothEndDateAndDurationAreRefused() {
    HttpResponse<Buffer> response = create(doctorAndPatientNow().put("duration_in_seconds", 3600));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Only one of end_date and duration_in_seconds can be given");
  }

  @Test
  void neitherEndDateNorDurationIsRefused() {
    JsonObject body = doctorAndPatientNow();
    body.remove("end_date");

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("One of end_date and duration_in_seconds is required");
  }

  @Test
  void teleconsultationShorterThanFiveMinutesIsRefused() {
    JsonObject body = doctorAndPatientNow();
    Instant start = Instant.parse(body.getString("start_date"));
    body.put("end_date", start.plusSeconds(299).toString());

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("at least 300 seconds");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void teleconsultationLongerThanADayIsRefused() {
    JsonObject body = doctorAndPatientNow();
    Instant start = Instant.parse(body.getString("start_date"));
    body.put("end_date", start.plusSeconds(86_401).toString());

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("at most 86400 seconds");
  }

  @Test
  void durationInSecondsIsAcceptedInsteadOfAnEndDate() {
    kaleyra.roomIsCreated("room_duration", List.of(DOCTOR, PATIENT));
    JsonObject body = doctorAndPatientNow();
    body.remove("end_date");
    body.put("duration_in_seconds", 1800);

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(201);
    String id = response.bodyAsJsonObject().getString("roomId");
    assertThat(database.count(
        "SELECT extract(epoch FROM end_date - start_date)::int FROM teleconsultations WHERE id = '" + id + "'"))
        .isEqualTo(1800);
  }

  @Test
  void schemaViolationIsA400WhoseDetailNamesTheField() {
    JsonObject body = doctorAndPatientNow();
    body.getJsonObject("participants").put("number", 1);

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("#/participants/number");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/validation-error");
  }

  @Test
  void moreThanTwentyFiveParticipantsIsRefusedNamingTheField() {
    JsonObject body = doctorAndPatientNow();
    body.getJsonObject("participants").put("number", 26);

    HttpResponse<Buffer> response = create(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("#/participants/number");
  }

  @Test
  void unknownBodyFieldIsRefusedSoThatTyposAreNotIgnored() {
    HttpResponse<Buffer> response = create(doctorAndPatientNow().put("startDate", "2030-01-01T10:00:00.000Z"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("startDate");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void malformedJsonIsA400() {
    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"participants\": ")).await());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void nonJsonContentTypeIsA415() {
    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("hello")).await());

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void bodyOverOneMegabyteIsA413() {
    String huge = "x".repeat(1024 * 1024 + 10);
    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"start_date\":\"" + huge + "\"}")).await());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void aKnownUserIsCreatedOnKaleyraOnlyOnce() {
    kaleyra.roomIsCreated("room_first", List.of(DOCTOR, PATIENT));
    create(doctorAndPatientNow());
    kaleyra.roomIsCreated("room_second", List.of(DOCTOR, "patient-8"));

    HttpResponse<Buffer> second = create(body(Instant.now(), 2, doctor(), participant("patient-8", "patient", "Max")));

    assertThat(second.statusCode()).isEqualTo(201);
    wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/users"))
        .withRequestBody(matchingJsonPath("$.id", equalTo(KaleyraUserId.of(DOCTOR)))));
    wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/users"))
        .withRequestBody(matchingJsonPath("$.id", equalTo(KaleyraUserId.of("patient-8")))));
  }

  @Test
  void twoRequestsBringingTheSameNewUserAtOnceBothSucceed() {
    kaleyra.everyRoomIsNew();
    String doctor = "doc-twice-" + UUID.randomUUID();

    var first = service.request(HttpMethod.POST, "/teleconsultation").sendJsonObject(body(Instant.now(), 2,
        participant(doctor, "doctor", "Dr. Twice"), participant("pat-a-" + UUID.randomUUID(), "patient", "A")));
    var second = service.request(HttpMethod.POST, "/teleconsultation").sendJsonObject(body(Instant.now(), 2,
        participant(doctor, "doctor", "Dr. Twice"), participant("pat-b-" + UUID.randomUUID(), "patient", "B")));
    io.vertx.core.Future.join(first, second).await();

    assertThat(first.result().statusCode()).isEqualTo(201);
    assertThat(second.result().statusCode()).isEqualTo(201);
    assertThat(database.count("SELECT count(*) FROM kaleyra_users WHERE external_id = '" + doctor + "'")).isEqualTo(1);
  }

  @Test
  void kaleyraUserThatAlreadyExistsCountsAsCreated() {
    wireMock.stubFor(post(urlEqualTo("/v2/users")).willReturn(jsonResponse("{\"error\":\"duplicate\"}", 409)));
    kaleyra.roomIsCreated("room_existing_users", List.of("doc-409", "pat-409"));

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("doc-409", "doctor", "Dr. Who"), participant("pat-409", "patient", "Amy")));

    assertThat(response.statusCode()).isEqualTo(201);
    wireMock.verify(1, putRequestedFor(urlEqualTo("/v2/users/" + KaleyraUserId.of("doc-409")))
        .withRequestBody(matchingJsonPath("$.role", equalTo("plus"))));
    wireMock.verify(0, putRequestedFor(urlEqualTo("/v2/users/" + KaleyraUserId.of("pat-409"))));
  }

  @Test
  void kaleyraAnswering404ToARoomCreationIsABadGatewayNotANotFound() {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).willReturn(jsonResponse("{\"error\":\"no such path\"}", 404)));

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("doc-404", "doctor", "Dr. Path"), participant("pat-404", "patient", "Pat Path")));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("BANDYER_BASE_URL");
  }

  @Test
  void basicUserWhoBecomesADoctorIsPromotedOnKaleyra() {
    create(body(Instant.now().plusSeconds(3600), 3, participant("promoted-1", "patient", "Pat")));
    kaleyra.roomIsCreated("room_promoted", List.of("promoted-1", PATIENT));

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("promoted-1", "doctor", "Dr. Pat"), patient()));

    assertThat(response.statusCode()).isEqualTo(201);
    wireMock.verify(1, putRequestedFor(urlEqualTo("/v2/users/" + KaleyraUserId.of("promoted-1")))
        .withRequestBody(matchingJsonPath("$.role", equalTo("plus"))));
  }

  @Test
  void kaleyraFailingToCreateTheRoomAnswers502AndStoresNothing() {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).willReturn(aResponse().withStatus(500)));
    long before = storedTeleconsultations();

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("doc-502", "doctor", "Dr. Fail"), participant("pat-502", "patient", "Pat Fail")));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("POST /rooms").doesNotContain(Service.API_KEY);
    assertThat(storedTeleconsultations()).isEqualTo(before);
  }

  @Test
  void roomWithoutAJoinLinkForSomeoneIsDeletedAgainAndAnswers502() {
    kaleyra.roomIsCreated("room_missing_link", List.of("doc-nolink"));

    HttpResponse<Buffer> response = create(body(Instant.now(), 2,
        participant("doc-nolink", "doctor", "Dr. Half"), participant("pat-nolink", "patient", "Pat Half")));

    assertThat(response.statusCode()).isEqualTo(502);
    wireMock.verify(1, deleteRequestedFor(urlEqualTo("/v2/rooms/room_missing_link")));
  }
}
