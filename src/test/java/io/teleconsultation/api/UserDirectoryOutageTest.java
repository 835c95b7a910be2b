package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.DirectoryStubs;
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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user directory failing: errors, timeouts, endless answers, then its circuit breaker opening. Whatever happens,
 * nothing is created on Kaleyra or stored. One service per test, so that each starts with a closed circuit.
 */
@ExtendWith(VertxExtension.class)
class UserDirectoryOutageTest {

  static final String DOCTOR = "auth0|outage-doctor";
  static final String PATIENT = "auth0|outage-patient";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @RegisterExtension
  static WireMockExtension directoryMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  DirectoryStubs directory = new DirectoryStubs(directoryMock);
  TestDatabase database;
  Service service;
  Contract contract;

  @BeforeEach
  void start(Vertx vertx) {
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew().companyAnswers();
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "AUTH_SERVICE", "http://" + directory.bareHost(),
        "DIRECTORY_TIMEOUT_MS", 1500,
        "DIRECTORY_BREAKER_MAX_FAILURES", 2,
        "DIRECTORY_BREAKER_RESET_MS", 60000));
    contract = Contract.load(vertx);
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  private HttpResponse<Buffer> createDoctorAndPatient() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return contract.check("createTeleconsultation", service.post("/teleconsultation", new JsonObject()
        .put("participants", new JsonArray().add(DOCTOR).add(PATIENT))
        .put("start_date", start.toString()).put("end_date", start.plusSeconds(3600).toString())));
  }

  private void nothingWasCreated() {
    assertThat(database.count("SELECT count(*) FROM teleconsultations")).isZero();
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users")))).isEmpty();
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms")))).isEmpty();
  }

  @Test
  void aDirectoryErrorIs502ThenAnOpenCircuitIs503WithoutAskingTheDirectory() {
    directory.user(DOCTOR, "Dr. Up", "doctor");
    directoryMock.stubFor(get(urlEqualTo(DirectoryStubs.path(PATIENT))).willReturn(aResponse().withStatus(500)));

    // The breaker counts failures in a row: the doctor's lookup succeeding next to the first failure may reset it.
    HttpResponse<Buffer> first = createDoctorAndPatient();
    java.util.List<Integer> statuses = new java.util.ArrayList<>(java.util.List.of(first.statusCode()));
    while (statuses.get(statuses.size() - 1) == 502 && statuses.size() < 5) {
      statuses.add(createDoctorAndPatient().statusCode());
    }
    int lookupsBefore = directoryMock.getAllServeEvents().size();
    HttpResponse<Buffer> whileOpen = createDoctorAndPatient();

    assertThat(first.statusCode()).isEqualTo(502);
    assertThat(first.bodyAsJsonObject().getString("detail")).isEqualTo("The user directory answered 500 to the GET user");
    assertThat(statuses).as("502 until the circuit opens").startsWith(502, 502).endsWith(503).hasSizeLessThanOrEqualTo(4);
    assertThat(whileOpen.statusCode()).isEqualTo(503);
    assertThat(whileOpen.getHeader("Retry-After")).isEqualTo("5");
    assertThat(whileOpen.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The user directory is unavailable (circuit open), try again later");
    assertThat(directoryMock.getAllServeEvents()).as("an open circuit asks nobody").hasSize(lookupsBefore);
    nothingWasCreated();

    HttpResponse<Buffer> checkUp = contract.check("getCheckUp", service.request(HttpMethod.GET, "/-/check-up").send().await());
    assertThat(checkUp.statusCode()).isEqualTo(503);
    assertThat(checkUp.bodyAsJsonObject().getJsonObject("checks").getJsonObject("directory"))
        .isEqualTo(new JsonObject().put("status", "KO").put("circuit", "OPEN").put("cachedUsers", 1)
            .put("detail", "Circuit open after repeated user directory failures"));
  }

  @Test
  void aDirectoryTooSlowToAnswerIs502() {
    directory.user(DOCTOR, "Dr. Up", "doctor");
    directoryMock.stubFor(get(urlEqualTo(DirectoryStubs.path(PATIENT))).willReturn(jsonResponse(
        "{\"name\":\"Slow\",\"groups\":[\"patient\"]}", 200).withFixedDelay(6000)));

    HttpResponse<Buffer> response = createDoctorAndPatient();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("The user directory did not answer in time");
    nothingWasCreated();
  }

  @Test
  void anEndlessAnswerIsCutAtItsCapAndIs502() {
    directory.user(DOCTOR, "Dr. Up", "doctor");
    String huge = "{\"name\":\"Big\",\"groups\":[\"patient\"],\"padding\":\"" + "x".repeat(400 * 1024) + "\"}";
    directoryMock.stubFor(get(urlEqualTo(DirectoryStubs.path(PATIENT))).willReturn(jsonResponse(huge, 200)));

    HttpResponse<Buffer> response = createDoctorAndPatient();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The user directory answered more than 262144 bytes");
    nothingWasCreated();
  }

  @Test
  void aDirectoryThatCannotBeReachedIs502(Vertx vertx) {
    service.stop();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "AUTH_SERVICE", "http://127.0.0.1:1", "DIRECTORY_TIMEOUT_MS", 500));

    HttpResponse<Buffer> response = createDoctorAndPatient();

    assertThat(response.statusCode()).isEqualTo(502);
    nothingWasCreated();
  }
}
