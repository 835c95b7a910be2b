package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention (RETENTION_DAYS): teleconsultations ended or deleted long ago keep their row, without names, external
 * user ids, Kaleyra user ids or join links; recent ones are untouched.
 */
@ExtendWith(VertxExtension.class)
class RetentionTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  static Path dataDir;
  static Service service;
  static TestDatabase database;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    service = Service.start(vertx, new KaleyraStubs(wireMock).baseUrl(), database, Map.of(
        "DATA_DIR", dataDir.toString(), "RETENTION_DAYS", 30));
  }

  @BeforeEach
  void kaleyraWorks() {
    new KaleyraStubs(wireMock).usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  private static String create(String patientId) {
    JsonObject body = body(Instant.now(), 2, doctor(), participant(patientId, "patient", "Jane " + patientId));
    return service.post("/teleconsultation", body).bodyAsJsonObject().getString("roomId");
  }

  /** Moves a teleconsultation {@code days} into the past. */
  private static void endedDaysAgo(String id, int days) {
    database.execute("UPDATE teleconsultations SET start_date = now() - interval '" + (days + 1) + " days', "
        + "end_date = now() - interval '" + days + " days' WHERE id = '" + id + "'");
  }

  private static JsonObject run(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(Addresses.RETENTION_RUN, new JsonObject()).await().body();
  }

  @Test
  void personalDataOfTeleconsultationsEndedOrDeletedLongAgoIsErasedButTheirRowsStay(Vertx vertx) {
    String ended = create("patient-ended");
    String deleted = create("patient-deleted");
    String recent = create("patient-recent");
    endedDaysAgo(ended, 31);
    assertThat(service.delete("/teleconsultation/" + deleted).statusCode()).isEqualTo(204);
    database.execute("UPDATE teleconsultations SET deleted_at = now() - interval '31 days' WHERE id = '" + deleted + "'");
    long rows = database.count("SELECT count(*) FROM teleconsultations");

    JsonObject result = run(vertx);

    assertThat(result.getLong("erased")).isEqualTo(2);
    assertThat(database.count("SELECT count(*) FROM teleconsultations")).as("audit rows kept").isEqualTo(rows);
    for (String id : new String[] {ended, deleted}) {
      String participants = database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + id + "'");
      assertThat(participants).doesNotContain("Jane").doesNotContain("patient-").doesNotContain(DOCTOR)
          .doesNotContain("Dr.").doesNotContain("tc_").doesNotContain("http");
      assertThat(database.text("SELECT personal_data_erased_at::text FROM teleconsultations WHERE id = '" + id + "'"))
          .isNotNull();
    }
    assertThat(service.get("/teleconsultation/" + ended, DOCTOR).statusCode()).isEqualTo(404);
    assertThat(service.get("/teleconsultation/" + recent, "patient-recent").statusCode()).isEqualTo(200);
    assertThat(database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + recent + "'"))
        .contains("Jane patient-recent");
    assertThat(database.count("SELECT count(*) FROM kaleyra_users WHERE external_id IN ('patient-ended', 'patient-deleted')"))
        .as("external ids no teleconsultation still needs are forgotten").isZero();
    assertThat(database.count("SELECT count(*) FROM kaleyra_users WHERE external_id IN ('" + DOCTOR + "', 'patient-recent')"))
        .as("the doctor still has a recent teleconsultation").isEqualTo(2);
    assertThat(run(vertx).getLong("erased")).as("erased once").isZero();
  }

  @Test
  void aTeleconsultationEndedLessThanRetentionDaysAgoIsKept(Vertx vertx) {
    String id = create("patient-29-days");
    endedDaysAgo(id, 29);

    run(vertx);

    assertThat(database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + id + "'"))
        .contains("Jane patient-29-days");
  }
}
