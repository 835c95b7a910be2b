package io.teleconsultation.api;

import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer gets with nothing configured: an embedded PostgreSQL under DATA_DIR and the built-in Kaleyra
 * simulator, and teleconsultations that survive a restart.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedDefaultsTest {

  @Test
  void withNothingConfiguredTheServiceRunsOnEmbeddedPostgresAndTheSimulatorAndKeepsDataAcrossRestarts(
      Vertx vertx, @TempDir Path dataDir) {
    JsonObject config = new JsonObject().put("HTTP_PORT", 0).put("DATA_DIR", dataDir.toString());

    Service first = Service.start(vertx, config);
    JsonObject checks = first.request(HttpMethod.GET, "/-/check-up").send().await().bodyAsJsonObject()
        .getJsonObject("checks");
    assertThat(checks.getJsonObject("kaleyra").getString("mode")).isEqualTo("simulated");
    assertThat(checks.getJsonObject("kaleyra").getString("status")).isEqualTo("OK");
    assertThat(checks.getJsonObject("database").getString("mode")).isEqualTo("embedded");

    HttpResponse<Buffer> created = first.post("/teleconsultation", doctorAndPatientNow());
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("roomId");
    JsonObject doctorView = first.get("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject();
    assertThat(doctorView.getString("accessLinkURL")).startsWith("http://localhost:3000/simulator/join/");
    assertThat(doctorView.getJsonObject("details").getString("status")).isEqualTo("NOT_RUNNING");
    first.stop();

    Service second = Service.start(vertx, config);
    HttpResponse<Buffer> afterRestart = second.get("/teleconsultation/" + id, PATIENT);
    assertThat(afterRestart.statusCode()).isEqualTo(200);
    assertThat(afterRestart.bodyAsJsonObject().getString("bandyerUserId"))
        .isEqualTo(doctorView.getJsonArray("participantsBandyerCall").getJsonObject(1).getString("bandyerUserId"));
    second.stop();
  }

  @Test
  void theSimulatorKeepsItsRoomsUnderDataDirSoThatTeleconsultationsStillWorkAfterARestart(
      Vertx vertx, @TempDir Path dataDir) {
    JsonObject config = new JsonObject().put("HTTP_PORT", 0).put("DATA_DIR", dataDir.toString());
    Service first = Service.start(vertx, config);
    String started = first.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    String later = first.post("/teleconsultation", body(Instant.now().plus(1, ChronoUnit.DAYS), 2, doctor(), patient()))
        .bodyAsJsonObject().getString("roomId");
    JsonObject before = first.get("/teleconsultation/" + started, DOCTOR).bodyAsJsonObject();
    first.stop();

    Service second = Service.start(vertx, config);
    JsonObject after = second.get("/teleconsultation/" + started, DOCTOR).bodyAsJsonObject();
    // A teleconsultation not started yet can still be changed: its Kaleyra users are still known to the simulator.
    HttpResponse<Buffer> patched = second.patch("/teleconsultation/" + later, new JsonObject()
        .put("participants", new JsonObject().put("number", 2).put("data", new JsonArray()
            .add(doctor()).add(participant("patient-8", "patient", "John Roe")))));
    HttpResponse<Buffer> deleted = second.delete("/teleconsultation/" + started);
    second.stop();

    assertThat(after.getString("accessLinkURL")).isEqualTo(before.getString("accessLinkURL"));
    assertThat(after.getJsonObject("details")).isEqualTo(before.getJsonObject("details"));
    assertThat(after.getBoolean("roomMissing")).isFalse();
    assertThat(patched.statusCode()).isEqualTo(204);
    assertThat(deleted.statusCode()).isEqualTo(204);
  }
}
