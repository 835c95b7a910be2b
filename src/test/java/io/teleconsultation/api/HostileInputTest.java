package io.teleconsultation.api;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inputs meant to confuse: absurd dates, offsets, leap seconds, headers that try to forge log lines, and text the
 * database cannot store.
 */
@ExtendWith(VertxExtension.class)
class HostileInputTest {

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

  private HttpResponse<Buffer> create(String start, String end) {
    JsonObject body = doctorAndPatientNow().put("start_date", start).put("end_date", end);
    return contract.check("createTeleconsultation", service.post("/teleconsultation", body));
  }

  @Test
  void yearZeroAndYear9999AreRefusedAsTypos() {
    assertThat(create("0000-01-01T10:00:00Z", "0000-01-01T11:00:00Z").statusCode()).isEqualTo(400);
    assertThat(create("9999-12-31T10:00:00Z", "9999-12-31T11:00:00Z").statusCode()).isEqualTo(400);
  }

  @Test
  void aNonUtcOffsetIsAcceptedAndStoredInUtc() {
    HttpResponse<Buffer> response = create("2030-02-22T16:30:00+01:00", "2030-02-22T17:30:00+01:00");

    assertThat(response.statusCode()).isEqualTo(201);
    String id = response.bodyAsJsonObject().getString("roomId");
    assertThat(database.text("SELECT to_char(start_date AT TIME ZONE 'UTC', 'HH24:MI') FROM teleconsultations WHERE id = '" + id + "'"))
        .isEqualTo("15:30");
  }

  @Test
  void aLeapSecondIsRefusedNamingTheField() {
    HttpResponse<Buffer> response = create("2030-06-30T23:59:60Z", "2030-07-01T00:59:59Z");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("#/start_date");
  }

  @Test
  void aDateThatIsNotADateIsA400NamingTheField() {
    HttpResponse<Buffer> response = create("next tuesday", "2030-07-01T00:59:59Z");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("start_date");
  }

  @Test
  void requestDataIsFlattenedToOneLineBeforeItIsLogged() {
    assertThat(LogSafe.of("/teleconsultation/\nERROR forged\r\n")).isEqualTo("/teleconsultation/_ERROR forged__");
    assertThat(LogSafe.of(null)).isEqualTo("null");
  }

  /** The body as a client would write it, with {@code fullName} replaced by raw JSON text (escapes kept as sent). */
  private HttpResponse<Buffer> createWithRawFullName(String rawJsonString) {
    String body = body(Instant.now().plusSeconds(7200), 2, doctor(), patient()).encode()
        .replace("\"Jane Doe\"", rawJsonString);
    return contract.check("createTeleconsultation", service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await());
  }

  @Test
  void aFullNameWithNulIsRefusedBeforeAnyKaleyraCall() {
    wireMock.resetRequests();
    String storedBefore = database.text("SELECT count(*) FROM teleconsultations");

    HttpResponse<Buffer> response = createWithRawFullName("\"Jane\\u0000Doe\"");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("body.participants.data[1].fullName contains U+0000 (NUL), which cannot be stored");
    assertThat(wireMock.getAllServeEvents()).as("no Kaleyra user or room was created").isEmpty();
    assertThat(database.text("SELECT count(*) FROM teleconsultations")).isEqualTo(storedBefore);
  }

  @Test
  void anUnpairedSurrogateIsRefusedBeforeAnyKaleyraCall() {
    wireMock.resetRequests();

    HttpResponse<Buffer> response = createWithRawFullName("\"Jane \\ud800 Doe\"");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("fullName").contains("U+D800");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void nulInAChangeOrAGroupIsRefusedBeforeAnyKaleyraCall() {
    String id = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()))
        .bodyAsJsonObject().getString("roomId");
    wireMock.resetRequests();
    JsonObject change = new JsonObject().put("participants", new JsonObject().put("number", 2)
        .put("data", new JsonArray().add(doctor()).add(participant("p\u0000", "patient", "P"))));

    HttpResponse<Buffer> patch = contract.check("updateTeleconsultation", service.patch("/teleconsultation/" + id, change));
    HttpResponse<Buffer> added = contract.check("addParticipant", service.post(
        "/teleconsultation/" + id + "/participants/data", participant("p-9", "pat\u0000ient", "P")));

    assertThat(patch.statusCode()).isEqualTo(400);
    assertThat(patch.bodyAsJsonObject().getString("detail")).startsWith("body.participants.data[1].userId contains U+0000");
    assertThat(added.statusCode()).isEqualTo(400);
    assertThat(added.bodyAsJsonObject().getString("detail")).startsWith("body.groups[0] contains U+0000");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void everyStringHasAMaximumLengthGroupNamesIncluded() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 2, doctor(),
        participant(PATIENT, "p".repeat(129), "Jane Doe"));

    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.post("/teleconsultation", body));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("groups");
  }

  @Test
  void aRefusalNamesTheClientsValuesNeverTheConfiguration() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 2, doctor(), participant("u3", "nurse", "Jane Doe"));

    HttpResponse<Buffer> response = contract.check("createTeleconsultation", service.post("/teleconsultation", body));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("nurse")
        .doesNotContain("doctor").doesNotContain("patient").doesNotContain(Service.MANAGER_GROUP);
  }
}
