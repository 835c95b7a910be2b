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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inputs meant to confuse: absurd dates, offsets, leap seconds, and headers that try to forge log lines. */
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
}
