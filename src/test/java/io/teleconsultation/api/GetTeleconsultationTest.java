package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import org.slf4j.LoggerFactory;

/** GET /teleconsultation/{id}: who may join, with which link, and when. Default config: IMMUTABLE_PERIOD_MS = 0. */
@ExtendWith(VertxExtension.class)
class GetTeleconsultationTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of());
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

  private String created(String roomId, JsonObject body) {
    kaleyra.roomIsCreated(roomId, List.of(DOCTOR, PATIENT)).roomExists(roomId);
    HttpResponse<Buffer> response = service.post("/teleconsultation", body);
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("roomId");
  }

  private HttpResponse<Buffer> join(String path, String callerId) {
    return contract.check("getTeleconsultation", service.get(path, callerId));
  }

  @Test
  void unknownIdAnswers404WithTheOldServiceMessage() {
    String id = UUID.randomUUID().toString();

    HttpResponse<Buffer> response = join("/teleconsultation/" + id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Room with id " + id + " not found");
  }

  @Test
  void unknownObjectIdAnswers404WithTheOldServiceMessage() {
    HttpResponse<Buffer> response = join("/teleconsultation/65a1f0c2e4b0a1b2c3d4e5f6", DOCTOR);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Room with id 65a1f0c2e4b0a1b2c3d4e5f6 not found");
  }

  @Test
  void idOfNoTeleconsultationsFormAnswers404NotA400() {
    HttpResponse<Buffer> dotted = join("/teleconsultation/not.an.id", DOCTOR);
    HttpResponse<Buffer> tooLong = join("/teleconsultation/" + "a".repeat(65), DOCTOR);

    assertThat(dotted.statusCode()).isEqualTo(404);
    assertThat(dotted.bodyAsJsonObject().getString("error")).isEqualTo("Room with id not.an.id not found");
    assertThat(tooLong.statusCode()).isEqualTo(404);
    assertThat(tooLong.bodyAsJsonObject().getString("error")).isEqualTo("Room with id " + "a".repeat(64) + "… not found");
  }

  @Test
  void everyOperationTakingAnIdAnswers404ForAMalformedOne() {
    String path = "/teleconsultation/bad%20id";
    JsonObject patch = new JsonObject().put("duration_in_seconds", 1800);

    assertThat(service.patch(path, patch).statusCode()).isEqualTo(404);
    assertThat(service.delete(path).statusCode()).isEqualTo(404);
    assertThat(service.delete(path + "/uploads").statusCode()).isEqualTo(404);
    assertThat(contract.check("deleteTeleconsultation", service.delete(path)).bodyAsJsonObject().getString("error"))
        .isEqualTo("Room with id bad id not found");
  }

  @Test
  void uuidIsFoundWhateverItsCase() {
    String id = created("room_upper", doctorAndPatientNow());

    HttpResponse<Buffer> response = join("/teleconsultation/" + id.toUpperCase(java.util.Locale.ROOT), DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void callerWithoutIdentityIsUnauthorized() {
    String id = created("room_anonymous", doctorAndPatientNow());

    HttpResponse<Buffer> response = join("/teleconsultation/" + id, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
  }

  @Test
  void callerWhoIsNotAParticipantIsUnauthorized() {
    String id = created("room_stranger", doctorAndPatientNow());

    HttpResponse<Buffer> response = join("/teleconsultation/" + id, "someone-else");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
  }

  @Test
  void eachParticipantGetsTheirOwnLinkAndTheRoomDetailsOnceTheTeleconsultationHasStarted() {
    String id = created("room_started", doctorAndPatientNow());

    JsonObject doctorView = join("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject();
    JsonObject patientView = join("/teleconsultation/" + id, PATIENT).bodyAsJsonObject();

    assertThat(doctorView.getString("bandyerUserId")).isEqualTo(KaleyraUserId.of(DOCTOR));
    assertThat(doctorView.getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_started", DOCTOR) + "?language=en");
    assertThat(patientView.getString("bandyerUserId")).isEqualTo(KaleyraUserId.of(PATIENT));
    assertThat(patientView.getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_started", PATIENT) + "?language=it");
    assertThat(doctorView.getJsonArray("participantsBandyerCall")).containsExactly(
        new JsonObject().put("bandyerUserId", KaleyraUserId.of(DOCTOR)).put("fullName", "Dr. Joe Smith"),
        new JsonObject().put("bandyerUserId", KaleyraUserId.of(PATIENT)).put("fullName", "Jane Doe"));
    assertThat(doctorView.getJsonObject("details")).isEqualTo(new JsonObject()
        .put("recording", "none")
        .put("recordingStatus", "stopped")
        .put("callType", "audio_video")
        .put("description", "Teleconsultation")
        .put("status", "NOT_RUNNING")
        .put("disabled", false)
        .put("creationDate", "2023-12-22T13:36:48.164Z")
        .put("durationInSeconds", 3600)
        .put("durationUsedInSeconds", 1200)
        .put("live", true));
    assertThat(doctorView.getBoolean("roomMissing")).isFalse();
    wireMock.verify(getRequestedFor(urlEqualTo("/v2/rooms/room_started")).withHeader("apikey", equalTo(Service.API_KEY)));
  }

  @Test
  void linkIsWithheldUntilTheStartWhenThereIsNoImmutablePeriod() {
    String id = created("room_future", body(Instant.now().plusSeconds(7200), 2, doctor(), patient()));

    JsonObject view = join("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject();

    assertThat(view.containsKey("accessLinkURL")).isTrue();
    assertThat(view.getString("accessLinkURL")).isNull();
    assertThat(view.getJsonObject("details")).isNotNull();
  }

  @Test
  void partialTeleconsultationHasNeitherLinkNorDetails() {
    HttpResponse<Buffer> createdResponse = service.post("/teleconsultation", body(Instant.now(), 3, doctor(), patient()));
    String id = createdResponse.bodyAsJsonObject().getString("roomId");

    JsonObject view = join("/teleconsultation/" + id, PATIENT).bodyAsJsonObject();

    assertThat(view.getString("accessLinkURL")).isNull();
    assertThat(view.getValue("details")).isNull();
    assertThat(view.getJsonArray("participantsBandyerCall")).hasSize(2);
    wireMock.verify(0, getRequestedFor(urlMatching("/v2/rooms/.*")));
  }

  @Test
  void languageAndBackgroundQueryParametersShapeTheLink() {
    String id = created("room_shaped", doctorAndPatientNow());

    JsonObject view = join("/teleconsultation/" + id + "?language=en&useBackground=true", PATIENT).bodyAsJsonObject();

    assertThat(view.getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_shaped", PATIENT) + "?language=en&virtual_background=image");
  }

  @Test
  void unsupportedLanguageFallsBackToTheParticipantsOwnAsTheOriginalServiceDid() {
    String id = created("room_language", doctorAndPatientNow());

    HttpResponse<Buffer> german = join("/teleconsultation/" + id + "?language=de", PATIENT);
    HttpResponse<Buffer> upperCase = join("/teleconsultation/" + id + "?language=EN", PATIENT);

    assertThat(german.statusCode()).isEqualTo(200);
    assertThat(german.bodyAsJsonObject().getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_language", PATIENT) + "?language=it");
    assertThat(upperCase.bodyAsJsonObject().getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_language", PATIENT) + "?language=en");
  }

  @Test
  void unsupportedLanguageWithoutAStoredOneLeavesKaleyrasCompanyDefault() {
    JsonObject body = doctorAndPatientNow();
    body.getJsonObject("participants").getJsonArray("data").getJsonObject(0).remove("language");
    String id = created("room_no_language", body);

    HttpResponse<Buffer> response = join("/teleconsultation/" + id + "?language=de-DE", DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("accessLinkURL")).isEqualTo(KaleyraStubs.linkOf("room_no_language", DOCTOR));
  }

  @Test
  void roomThatKaleyraNoLongerKnowsStillAnswersSayingTheRoomIsMissingAndIsLoggedAndCounted() {
    String id = created("room_gone", doctorAndPatientNow());
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_gone")).willReturn(jsonResponse("{\"error\":\"not found\"}", 404)));
    kaleyra.companyAnswers();
    long missingBefore = missingRooms();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);

    HttpResponse<Buffer> response;
    try {
      response = join("/teleconsultation/" + id, DOCTOR);
    } finally {
      root.detachAppender(logs);
    }

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("roomMissing")).isTrue();
    assertThat(body.getValue("details")).isNull();
    // The stale link is still given, flagged by roomMissing: the old frontend keeps working as before.
    assertThat(body.getString("accessLinkURL")).startsWith(KaleyraStubs.linkOf("room_gone", DOCTOR));
    assertThat(logs.list).anySatisfy(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains(id).contains("room_gone").contains("missing");
    });
    assertThat(missingRooms()).isEqualTo(missingBefore + 1);
  }

  /** The operator's way out that the README gives, before the immutable period. */
  @Test
  void aMissingRoomIsReplacedByTwoPatchesOfTheParticipantsBeforeTheStart() {
    String id = created("room_lost", body(Instant.now().plusSeconds(7200), 2, doctor(), patient()));
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_lost")).willReturn(jsonResponse("{\"error\":\"not found\"}", 404)));
    assertThat(join("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject().getBoolean("roomMissing")).isTrue();
    JsonArray same = new JsonArray().add(doctor()).add(patient());

    HttpResponse<Buffer> dropped = service.patch("/teleconsultation/" + id,
        new JsonObject().put("participants", new JsonObject().put("number", 3).put("data", same)));
    kaleyra.roomIsCreated("room_renewed", List.of(DOCTOR, PATIENT)).roomExists("room_renewed");
    HttpResponse<Buffer> renewed = service.patch("/teleconsultation/" + id,
        new JsonObject().put("participants", new JsonObject().put("number", 2).put("data", same)));

    assertThat(dropped.statusCode()).isEqualTo(204);
    assertThat(renewed.statusCode()).isEqualTo(204);
    JsonObject after = join("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject();
    assertThat(after.getBoolean("roomMissing")).isFalse();
    assertThat(after.getJsonObject("details")).isNotNull();
    wireMock.verify(deleteRequestedFor(urlEqualTo("/v2/rooms/room_lost")));
  }

  @Test
  void roomThatKaleyraCannotBeAskedAboutIsNotReportedMissing() {
    String id = created("room_unknown_state", doctorAndPatientNow());
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_unknown_state")).willReturn(aResponse().withStatus(500)));

    HttpResponse<Buffer> response = join("/teleconsultation/" + id, PATIENT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getBoolean("roomMissing")).isFalse();
  }

  private long missingRooms() {
    HttpResponse<Buffer> checkUp = contract.check("getCheckUp",
        service.request(HttpMethod.GET, "/-/check-up").send().await());
    return checkUp.bodyAsJsonObject().getJsonObject("checks").getJsonObject("kaleyra").getLong("missingRooms");
  }

  @Test
  void kaleyraFailingOnRoomDetailsStillGivesTheLinkWithoutDetails() {
    String id = created("room_broken", doctorAndPatientNow());
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_broken")).willReturn(aResponse().withStatus(503)));

    HttpResponse<Buffer> response = join("/teleconsultation/" + id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("accessLinkURL")).startsWith(KaleyraStubs.linkOf("room_broken", DOCTOR));
    assertThat(response.bodyAsJsonObject().getValue("details")).isNull();
    wireMock.verify(3, getRequestedFor(urlEqualTo("/v2/rooms/room_broken")));
  }

  @Test
  void roomDetailsAreServedFromTheCacheWhileThePollingFrontendAsksAgain() {
    String id = created("room_polled", doctorAndPatientNow());

    join("/teleconsultation/" + id, DOCTOR);
    join("/teleconsultation/" + id, PATIENT);
    join("/teleconsultation/" + id, DOCTOR);

    wireMock.verify(1, getRequestedFor(urlEqualTo("/v2/rooms/room_polled")));
  }
}
