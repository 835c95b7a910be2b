package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stops mid-run and comes back: the service fails fast meanwhile and recovers by itself. */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @Test
  void whilePostgresIsDownRequestsGet503AndReadinessDropsThenEverythingRecoversWithoutARestart(
      Vertx vertx, @TempDir Path dataDir) throws Exception {
    KaleyraStubs kaleyra = new KaleyraStubs(wireMock).usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    EmbeddedPostgres postgres = database(dataDir, 0);
    int port = postgres.getPort();
    Service service = Service.start(vertx, JsonObject.of(
        "HTTP_PORT", 0, "BANDYER_BASE_URL", kaleyra.baseUrl(), "BANDYER_API_SECRET_KEY", Service.API_KEY,
        "DATABASE_URL", "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres"));
    Contract contract = Contract.load(vertx);
    String before = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");

    postgres.close();
    HttpResponse<Buffer> create = contract.check("createTeleconsultation", service.post("/teleconsultation", doctorAndPatientNow()));
    HttpResponse<Buffer> join = contract.check("getTeleconsultation", service.get("/teleconsultation/" + before, DOCTOR));
    HttpResponse<Buffer> ready = contract.check("getReady", service.request(HttpMethod.GET, "/-/ready").send().await());

    assertThat(create.statusCode()).isEqualTo(503);
    assertThat(create.getHeader("Retry-After")).isNotBlank();
    assertThat(create.bodyAsJsonObject().getString("detail")).isEqualTo("The database is unavailable, try again later");
    assertThat(join.statusCode()).isEqualTo(503);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(kaleyra.createdRooms()).as("nothing reached Kaleyra while the database was down").hasSize(1);

    EmbeddedPostgres restarted = database(dataDir, port);
    try {
      assertThat(eventuallyStatus(vertx, service, "/-/ready")).isEqualTo(200);
      assertThat(service.get("/teleconsultation/" + before, DOCTOR).statusCode()).isEqualTo(200);
      assertThat(service.post("/teleconsultation", doctorAndPatientNow()).statusCode()).isEqualTo(201);
    } finally {
      service.stop();
      restarted.close();
    }
  }

  /**
   * A frozen PostgreSQL (SIGSTOP: connections stay open, nothing answers) is worse than a stopped one: no error ever
   * comes. The database deadline (DATABASE_QUERY_TIMEOUT_MS) turns it into a 503 all the same.
   */
  @Test
  void whilePostgresIsFrozenRequestsGet503WithinTheQueryDeadlineAndRecoverWhenItThaws(
      Vertx vertx, @TempDir Path dataDir) throws Exception {
    KaleyraStubs kaleyra = new KaleyraStubs(wireMock).usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    EmbeddedPostgres postgres = database(dataDir, 0);
    Service service = Service.start(vertx, JsonObject.of(
        "HTTP_PORT", 0, "BANDYER_BASE_URL", kaleyra.baseUrl(), "BANDYER_API_SECRET_KEY", Service.API_KEY,
        "DATABASE_URL", "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres",
        "DATABASE_QUERY_TIMEOUT_MS", 1500));
    String before = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    try {
      signal("STOP", postmaster);

      HttpResponse<Buffer> join = service.get("/teleconsultation/" + before, DOCTOR);

      assertThat(join.statusCode()).isEqualTo(503);
      assertThat(join.bodyAsJsonObject().getString("detail")).isEqualTo("The database is unavailable, try again later");
    } finally {
      signal("CONT", postmaster);
    }
    try {
      assertThat(eventuallyStatus(vertx, service, "/-/ready")).isEqualTo(200);
      assertThat(service.get("/teleconsultation/" + before, DOCTOR).statusCode()).isEqualTo(200);
    } finally {
      service.stop();
      postgres.close();
    }
  }

  /** Sends a signal to the PostgreSQL server and every process it started (its backends). */
  private static void signal(String signal, long postmaster) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("kill", "-" + signal, String.valueOf(postmaster)));
    ProcessHandle.of(postmaster).ifPresent(process ->
        process.descendants().forEach(child -> command.add(String.valueOf(child.pid()))));
    new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  private static EmbeddedPostgres database(Path dataDir, int port) throws Exception {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
    return (port == 0 ? builder : builder.setPort(port)).start();
  }

  /** The pool reconnects on its own; readiness follows within a few attempts. */
  private static int eventuallyStatus(Vertx vertx, Service service, String path) {
    int status = 0;
    for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
      status = service.request(HttpMethod.GET, path).send().await().statusCode();
      if (status != 200) {
        vertx.timer(250).await();
      }
    }
    return status;
  }
}
