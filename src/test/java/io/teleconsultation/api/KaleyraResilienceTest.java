package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The circuit breaker and the retries around Kaleyra, each test on a fresh service (the breaker has state). */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class KaleyraResilienceTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  TestDatabase database;
  Service service;
  Contract contract;
  Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "KALEYRA_BREAKER_MAX_FAILURES", 2, "KALEYRA_BREAKER_RESET_MS", 60_000, "REAPER_INTERVAL_MS", 3_600_000));
    contract = Contract.load(vertx);
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  private String booked() {
    return service.post("/teleconsultation", body(Instant.now(), 2, doctor(), patient())).bodyAsJsonObject().getString("roomId");
  }

  private void openTheCircuit() {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(aResponse().withStatus(500)));
    service.post("/teleconsultation", doctorAndPatientNow());
    service.post("/teleconsultation", doctorAndPatientNow());
  }

  @Test
  void whileTheCircuitIsOpenKaleyraIsNotCalledAndClientsGet503WithRetryAfter() {
    openTheCircuit();
    int callsBefore = wireMock.getAllServeEvents().size();

    HttpResponse<Buffer> response = contract.check("createTeleconsultation",
        service.post("/teleconsultation", body(Instant.now(), 2, doctor(), participant("p-open", "patient", "P"))));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("circuit open");
    assertThat(wireMock.getAllServeEvents()).hasSize(callsBefore);
  }

  @Test
  void whileTheCircuitIsOpenParticipantsStillGetTheirLink() {
    String id = booked();
    openTheCircuit();

    HttpResponse<Buffer> response = contract.check("getTeleconsultation", service.get("/teleconsultation/" + id, DOCTOR));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("accessLinkURL")).startsWith("https://kaleyra.test/");
  }

  @Test
  void aDeleteWhileTheCircuitIsOpenSucceedsAndTheReaperDeletesTheRoomOnceKaleyraIsBack() {
    String id = booked();
    String room = database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'");
    openTheCircuit();

    HttpResponse<Buffer> response = contract.check("deleteTeleconsultation", service.delete("/teleconsultation/" + id));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(database.count("SELECT count(*) FROM room_cleanups WHERE room_id = '" + room + "'")).isEqualTo(1);
    service.stop();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of("REAPER_INTERVAL_MS", 3_600_000));
    JsonObject sweep = vertx.eventBus().<JsonObject>request(Addresses.REAPER_RUN, new JsonObject()).await().body();
    assertThat(sweep.getInteger("deleted")).isGreaterThanOrEqualTo(1);
    assertThat(kaleyra.deletedRooms()).contains(room);
    assertThat(database.count("SELECT count(*) FROM room_cleanups")).isZero();
  }

  @Test
  void aKaleyraBlipOnASafeCallIsRetriedAndTheClientNeverSeesIt() {
    String id = booked();
    String room = database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'");
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/" + room)).atPriority(1).inScenario("blip").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/" + room)).atPriority(1).inScenario("blip").whenScenarioStateIs("recovered")
        .willReturn(jsonResponse(KaleyraStubs.roomJson(room).encode(), 200)));

    HttpResponse<Buffer> response = service.get("/teleconsultation/" + id, DOCTOR);

    assertThat(response.bodyAsJsonObject().getJsonObject("details")).isNotNull();
    wireMock.verify(2, getRequestedFor(urlEqualTo("/v2/rooms/" + room)));
  }

  @Test
  void rateLimitingWaitsForRetryAfterThenSucceeds() {
    wireMock.stubFor(post(urlEqualTo("/v2/users")).atPriority(1).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
    wireMock.stubFor(post(urlEqualTo("/v2/users")).atPriority(1).inScenario("busy").whenScenarioStateIs("free")
        .willReturn(jsonResponse("{}", 201)));

    HttpResponse<Buffer> response = service.post("/teleconsultation", body(Instant.now(), 3, participant("rate-1", "doctor", "Dr R")));

    assertThat(response.statusCode()).isEqualTo(201);
    var requests = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users")));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
        .as("the retry waited for Retry-After").isGreaterThanOrEqualTo(900);
  }

  @Test
  void roomCreationIsNeverRetriedBlindly() {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(aResponse().withStatus(500)));

    HttpResponse<Buffer> response = service.post("/teleconsultation", doctorAndPatientNow());

    assertThat(response.statusCode()).isEqualTo(502);
    wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/rooms")));
  }

  @Test
  void kaleyraRefusingOurRequestDoesNotOpenTheCircuit() {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(jsonResponse("{\"error\":\"bad\"}", 400)));
    for (int i = 0; i < 3; i++) {
      assertThat(service.post("/teleconsultation", doctorAndPatientNow()).statusCode()).isEqualTo(502);
    }
    wireMock.removeStub(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(jsonResponse("{\"error\":\"bad\"}", 400)));
    kaleyra.everyRoomIsNew();

    assertThat(service.post("/teleconsultation", doctorAndPatientNow()).statusCode()).isEqualTo(201);
  }

  @Test
  void theReaperNeverDeletesARoomThatALiveTeleconsultationUses() {
    String id = booked();
    String room = database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'");
    // As a save that looked failed but committed would leave it: the room queued although it is in use.
    database.execute("INSERT INTO room_cleanups (room_id, reason, next_attempt_at) VALUES ('" + room + "', 'creating', now())");

    vertx.eventBus().request(Addresses.REAPER_RUN, new JsonObject()).await();

    assertThat(kaleyra.deletedRooms()).doesNotContain(room);
    assertThat(database.count("SELECT count(*) FROM room_cleanups")).isZero();
  }

  /** The ERROR lines logged while {@code action} runs. */
  private static List<ILoggingEvent> errorsDuring(Runnable action) {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try {
      action.run();
    } finally {
      root.detachAppender(logs);
    }
    return logs.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
  }

  private void roomCreationAnswers(String body) {
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void aRoomCreatedWithAnUnreadableAnswerIsLoggedAtErrorNamingItsTeleconsultation() {
    String id = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()))
        .bodyAsJsonObject().getString("roomId");
    roomCreationAnswers("<html>room created</html>");
    JsonObject complete = new JsonObject().put("participants", new JsonObject().put("number", 2)
        .put("data", new io.vertx.core.json.JsonArray().add(doctor()).add(patient())));
    List<HttpResponse<Buffer>> responses = new ArrayList<>();

    List<ILoggingEvent> errors = errorsDuring(() -> responses.add(
        contract.check("updateTeleconsultation", service.patch("/teleconsultation/" + id, complete))));

    assertThat(responses.get(0).statusCode()).isEqualTo(502);
    assertThat(errors).as("one ERROR line for the operator").hasSize(1);
    assertThat(errors.get(0).getFormattedMessage())
        .contains("POST /rooms for teleconsultation " + id)
        .contains("'Teleconsultation " + id + "'")
        .contains("console");
    assertThat(database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'")).isNull();
  }

  @Test
  void aCreationWhoseRoomAnswerHasNoRoomIdIsA502AndItsTeleconsultationIsNamedAtError() {
    roomCreationAnswers("{\"participants\": []}");
    List<HttpResponse<Buffer>> responses = new ArrayList<>();

    List<ILoggingEvent> errors = errorsDuring(() -> responses.add(contract.check("createTeleconsultation",
        service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 2, doctor(), patient())))));

    assertThat(responses.get(0).statusCode()).isEqualTo(502);
    assertThat(errors).hasSize(1);
    Matcher named = Pattern.compile("for teleconsultation ([0-9a-f-]{36})").matcher(errors.get(0).getFormattedMessage());
    assertThat(named.find()).as(errors.get(0).getFormattedMessage()).isTrue();
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + named.group(1) + "'"))
        .as("nothing stored: the log line is the operator's only lead").isZero();
  }
}
