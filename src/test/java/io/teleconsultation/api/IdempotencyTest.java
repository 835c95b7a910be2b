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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotency-Key on POST /teleconsultation and on participants/data. */
@ExtendWith(VertxExtension.class)
class IdempotencyTest {

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

  private HttpResponse<Buffer> create(String key, JsonObject body) {
    return contract.check("createTeleconsultation", service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("Idempotency-Key", key).sendJsonObject(body).await());
  }

  @Test
  void replayWithTheSameKeyAndBodyReturnsTheFirstResponseAndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    JsonObject body = doctorAndPatientNow();

    HttpResponse<Buffer> first = create(key, body);
    HttpResponse<Buffer> replay = create(key, body.copy());

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(kaleyra.createdRooms()).hasSize(1);
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '"
        + first.bodyAsJsonObject().getString("roomId") + "'")).isEqualTo(1);
  }

  @Test
  void theOrderOfFieldsDoesNotMakeABodyDifferent() {
    String key = UUID.randomUUID().toString();
    JsonObject body = doctorAndPatientNow();
    JsonObject reordered = new JsonObject()
        .put("end_date", body.getString("end_date"))
        .put("start_date", body.getString("start_date"))
        .put("participants", body.getJsonObject("participants"));

    HttpResponse<Buffer> first = create(key, body);
    HttpResponse<Buffer> replay = create(key, reordered);

    assertThat(replay.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedWith422() {
    String key = UUID.randomUUID().toString();
    create(key, doctorAndPatientNow());

    HttpResponse<Buffer> other = create(key, body(Instant.now(), 3, doctor(), patient()));

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.bodyAsJsonObject().getString("detail")).contains(key);
    assertThat(kaleyra.createdRooms()).hasSize(1);
  }

  @Test
  void aFailedRequestFreesItsKeyForARetry() {
    String key = UUID.randomUUID().toString();
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).willReturn(aResponse().withStatus(500)));
    HttpResponse<Buffer> failed = create(key, doctorAndPatientNow());
    kaleyra.everyRoomIsNew();

    HttpResponse<Buffer> retried = create(key, doctorAndPatientNow());

    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(retried.statusCode()).isEqualTo(201);
  }

  @Test
  void requestsWithoutAKeyAreNeverDeduplicated() {
    JsonObject body = doctorAndPatientNow();

    String first = service.post("/teleconsultation", body).bodyAsJsonObject().getString("roomId");
    String second = service.post("/teleconsultation", body).bodyAsJsonObject().getString("roomId");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void addingAParticipantTwiceWithTheSameKeyAddsOnce() {
    String id = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()))
        .bodyAsJsonObject().getString("roomId");
    String key = UUID.randomUUID().toString();
    JsonObject relative = participant("relative-idem", "patient", "Rel");

    HttpResponse<Buffer> first = contract.check("addParticipant", service.request(HttpMethod.POST,
        "/teleconsultation/" + id + "/participants/data").putHeader("Idempotency-Key", key).sendJsonObject(relative).await());
    HttpResponse<Buffer> replay = contract.check("addParticipant", service.request(HttpMethod.POST,
        "/teleconsultation/" + id + "/participants/data").putHeader("Idempotency-Key", key).sendJsonObject(relative).await());

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).as("not a 409 'already a participant'").isEqualTo(201);
    assertThat(kaleyra.createdRooms()).hasSize(1);
  }

  @Test
  void aRequestRefusedAtOnceFreesItsKey() {
    String key = UUID.randomUUID().toString();
    JsonObject noPlusUser = body(Instant.now(), 2, patient(), participant("p-refused", "patient", "P"));

    HttpResponse<Buffer> refused = create(key, noPlusUser);
    HttpResponse<Buffer> again = create(key, noPlusUser);
    HttpResponse<Buffer> corrected = create(key, doctorAndPatientNow());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(again.statusCode()).as("refused again, not 'still being processed'").isEqualTo(400);
    assertThat(corrected.statusCode()).isEqualTo(201);
  }
}
