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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without AUTH_SERVICE (the default), participants given by id only are refused with a 400 naming the mode. */
@ExtendWith(VertxExtension.class)
class ParticipantsByIdWithoutDirectoryTest {

  static final String NEEDS_THE_MODE = "needs the user-directory mode (AUTH_SERVICE)";

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
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew().companyAnswers();
  }

  private long stored() {
    return database.count("SELECT count(*) FROM teleconsultations");
  }

  private static JsonObject withParticipants(Object participants) {
    return body(Instant.now(), 2).put("participants", participants);
  }

  @Test
  void aPlainArrayOfIdsIsRefusedAndNothingReachesKaleyraOrTheDatabase() {
    long before = stored();

    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.post("/teleconsultation",
        withParticipants(new JsonArray().add(DOCTOR).add(PATIENT))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Participant '" + DOCTOR + "' is given without groups and fullName: that " + NEEDS_THE_MODE
            + ", which this service does not run: give every participant with groups and fullName");
    assertThat(stored()).isEqualTo(before);
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void idsWithALanguageAreRefusedToo() {
    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.post("/teleconsultation",
        withParticipants(new JsonObject().put("number", 2).put("data", new JsonArray()
            .add(new JsonObject().put("userId", DOCTOR).put("language", "it"))))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(NEEDS_THE_MODE);
  }

  @Test
  void aDataMixingBothFormsMatchesNoFormOfTheContract() {
    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.post("/teleconsultation",
        withParticipants(new JsonObject().put("number", 2).put("data", new JsonArray()
            .add(doctor()).add(new JsonObject().put("userId", PATIENT))))));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .contains("#/participants/data/1: Instance does not have required property \"groups\"");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void patchAndAddParticipantRefuseIdsAloneAndChangeNothing() {
    String id = service.post("/teleconsultation", body(Instant.now().plusSeconds(3600), 2, doctor()))
        .bodyAsJsonObject().getString("roomId");
    String before = database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + id + "'");

    HttpResponse<Buffer> patched = contract.check("updateTeleconsultation", service.patch("/teleconsultation/" + id,
        new JsonObject().put("participants", new JsonArray().add(DOCTOR).add(PATIENT))));
    HttpResponse<Buffer> added = contract.check("addParticipant", service.request(HttpMethod.POST,
        "/teleconsultation/" + id + "/participants/data").sendJsonObject(new JsonObject().put("userId", PATIENT)).await());

    assertThat(patched.statusCode()).isEqualTo(400);
    assertThat(patched.bodyAsJsonObject().getString("detail")).contains(NEEDS_THE_MODE);
    assertThat(added.statusCode()).isEqualTo(400);
    assertThat(added.bodyAsJsonObject().getString("detail")).contains(NEEDS_THE_MODE);
    assertThat(database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + id + "'")).isEqualTo(before);
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms")))).isEmpty();
  }

  @Test
  void theCheckUpHasNoDirectoryWithoutTheMode() {
    HttpResponse<Buffer> response = contract.check("getCheckUp", service.request(HttpMethod.GET, "/-/check-up").send().await());

    assertThat(response.bodyAsJsonObject().getJsonObject("checks").fieldNames()).isEqualTo(
        new java.util.HashSet<>(List.of("database", "kaleyra")));
  }
}
