package io.teleconsultation.importer;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command against a sample export of the original service (src/test/resources/import): what it stores,
 * what it refuses and why, that a second run changes nothing, and that the service then answers the imported
 * teleconsultations with their stored links, without creating any Kaleyra user.
 */
@ExtendWith(VertxExtension.class)
class ImportCommandTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);

  static final String TELECONSULTATIONS = "src/test/resources/import/teleconsultations.json";
  static final String USERS = "src/test/resources/import/users.json";
  static final String IMPORTED_ID = "65a1f0c2e4b0a1b2c3d4e5f6";
  static final String TRASHED_ID = "65a1f0c2e4b0a1b2c3d4e5f7";

  /** The sample's teleconsultations took place in 2025: out of reach of the retention job (90 days by default). */
  static final Map<String, Object> KEEP_OLD_TELECONSULTATIONS = Map.of("RETENTION_DAYS", 3650);

  TestDatabase database;

  @BeforeEach
  void freshDatabase() {
    database = TestDatabase.create();
  }

  /** Runs the command as {@code java -jar … import …} would, on the test database; returns its output. */
  private Run run(String... args) {
    return run(new JsonObject().put("DATABASE_URL", database.url()), args);
  }

  private static Run run(JsonObject config, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = ImportCommand.run(List.of(args), config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  record Run(int status, String output) {}

  @Test
  void importsTheSampleExportAndReportsEachRefusedLineWithItsReason() {
    Run run = run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(run.output())
        .contains("users: line 5: refused: no receivedUserId (or auth0Id)")
        .contains("teleconsultations: line 3: refused: not a JSON object")
        .contains("teleconsultations: line 4: refused: participants[1]: Kaleyra user 'user_nobody' is in no row of the user id map")
        .contains("users: 3 imported, 0 already present, 1 refused")
        .contains("teleconsultations: 3 imported, 0 already present, 2 refused");
    assertThat(run.status()).isEqualTo(2);
    assertThat(database.text("SELECT room_id FROM teleconsultations WHERE id = '" + IMPORTED_ID + "'"))
        .isEqualTo("room_imported_1");
    assertThat(database.text("SELECT kaleyra_id FROM kaleyra_users WHERE external_id = 'patient-7'")).isEqualTo("user_pat7");
    assertThat(database.text("SELECT role FROM kaleyra_users WHERE external_id = 'auth0|doctor-1'")).isEqualTo("plus");
  }

  @Test
  void aRefusedRecordLeavesNothingBehind() {
    run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '65a1f0c2e4b0a1b2c3d4e5f9'")).isZero();
    assertThat(database.count("SELECT count(*) FROM kaleyra_users WHERE kaleyra_id = 'user_nobody'")).isZero();
  }

  @Test
  void secondRunChangesNothing() {
    run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);
    String before = database.text("SELECT string_agg(id || version || state || participants::text, ',' ORDER BY id) FROM teleconsultations");

    Run second = run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(second.output())
        .contains("users: 0 imported, 3 already present, 1 refused")
        .contains("teleconsultations: 0 imported, 3 already present, 2 refused");
    assertThat(database.text("SELECT string_agg(id || version || state || participants::text, ',' ORDER BY id) FROM teleconsultations"))
        .isEqualTo(before);
    assertThat(database.count("SELECT count(*) FROM kaleyra_users")).isEqualTo(3);
  }

  @Test
  void trashedRowIsImportedAsDeleted() {
    run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(database.text("SELECT state FROM teleconsultations WHERE id = '" + TRASHED_ID + "'")).isEqualTo("DELETED");
    assertThat(database.text("SELECT deleted_at = '2024-01-09T12:00:00Z' FROM teleconsultations WHERE id = '" + TRASHED_ID + "'"))
        .isEqualTo("t");
  }

  @Test
  void dryRunWritesNothing() {
    Run run = run("--teleconsultations", TELECONSULTATIONS, "--users", USERS, "--dry-run");

    assertThat(run.output())
        .contains("dry run")
        .contains("users: 3 imported, 0 already present, 1 refused")
        .contains("teleconsultations: 3 imported, 0 already present, 2 refused");
    assertThat(database.count("SELECT count(*) FROM teleconsultations")).isZero();
    assertThat(database.count("SELECT count(*) FROM kaleyra_users")).isZero();
  }

  @Test
  void withoutVerifyRoomsKaleyraIsNeverCalled() {
    run(new JsonObject().put("DATABASE_URL", database.url()).put("BANDYER_BASE_URL", kaleyra.baseUrl())
            .put("BANDYER_API_SECRET_KEY", Service.API_KEY),
        "--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void verifyRoomsReportsTheRoomsKaleyraNoLongerKnows() {
    kaleyra.roomExists("room_imported_1");
    wireMock.stubFor(get(urlEqualTo(KaleyraStubs.V2 + "/rooms/room_trashed")).willReturn(notFound()));
    String gone = "{\"_id\":{\"$oid\":\"65a1f0c2e4b0a1b2c3d4e600\"},\"bandyerRoomId\":\"room_gone\",\"participantsNumber\":2,"
        + "\"participants\":[{\"userBandyerId\":\"user_doc1\",\"accessLinkURL\":\"https://acme.bandyer.com/x/1\"},"
        + "{\"userBandyerId\":\"user_pat7\",\"accessLinkURL\":\"https://acme.bandyer.com/x/2\"}],"
        + "\"startDate\":{\"$date\":\"2025-01-10T10:00:00Z\"},\"endDate\":{\"$date\":\"2025-01-10T11:00:00Z\"}}";
    wireMock.stubFor(get(urlEqualTo(KaleyraStubs.V2 + "/rooms/room_gone")).willReturn(notFound()));
    Path file = write(gone);

    Run run = run(new JsonObject().put("DATABASE_URL", database.url()).put("BANDYER_BASE_URL", kaleyra.baseUrl())
            .put("BANDYER_API_SECRET_KEY", Service.API_KEY).put("KALEYRA_RETRIES", 0),
        "--teleconsultations", TELECONSULTATIONS, "--users", USERS, "--verify-rooms");
    Run second = run(new JsonObject().put("DATABASE_URL", database.url()).put("BANDYER_BASE_URL", kaleyra.baseUrl())
            .put("BANDYER_API_SECRET_KEY", Service.API_KEY).put("KALEYRA_RETRIES", 0),
        "--teleconsultations", file.toString(), "--verify-rooms");

    assertThat(run.output()).contains("rooms: 1 known to Kaleyra, 0 unknown, 0 not verified");
    assertThat(second.output())
        .contains("rooms: room room_gone of teleconsultation 65a1f0c2e4b0a1b2c3d4e600 is unknown to Kaleyra")
        .contains("rooms: 0 known to Kaleyra, 1 unknown, 0 not verified");
    // The trashed teleconsultation's room is not asked about.
    wireMock.verify(0, getRequestedFor(urlEqualTo(KaleyraStubs.V2 + "/rooms/room_trashed")));
  }

  @Test
  void serviceAnswersTheImportedTeleconsultationWithItsStoredLinksAndCreatesNoKaleyraUser(Vertx vertx) {
    run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);
    kaleyra.roomExists("room_imported_1").roomsCanBeDeleted();
    Service service = Service.start(vertx, kaleyra.baseUrl(), database, KEEP_OLD_TELECONSULTATIONS);
    Contract contract = Contract.load(vertx);
    try {
      HttpResponse<Buffer> doctor = contract.check("getTeleconsultation",
          service.get("/teleconsultation/" + IMPORTED_ID, "auth0|doctor-1"));
      HttpResponse<Buffer> patient = contract.check("getTeleconsultation",
          service.get("/teleconsultation/" + IMPORTED_ID, "patient-7"));
      HttpResponse<Buffer> trashed = service.get("/teleconsultation/" + TRASHED_ID, "auth0|doctor-1");

      assertThat(doctor.statusCode()).isEqualTo(200);
      assertThat(doctor.bodyAsJsonObject().getString("bandyerUserId")).isEqualTo("user_doc1");
      assertThat(doctor.bodyAsJsonObject().getString("accessLinkURL"))
          .isEqualTo("https://acme.bandyer.com/eu/direct-rest-call-handler/DOC1code?language=it");
      assertThat(patient.bodyAsJsonObject().getString("accessLinkURL"))
          .isEqualTo("https://acme.bandyer.com/eu/direct-rest-call-handler/PAT7code");
      assertThat(patient.bodyAsJsonObject().getJsonArray("participantsBandyerCall")).isEqualTo(new JsonArray()
          .add(new JsonObject().put("bandyerUserId", "user_doc1").put("fullName", "Dr. Joe Smith"))
          .add(new JsonObject().put("bandyerUserId", "user_pat7").put("fullName", "Jane Doe")));
      assertThat(trashed.statusCode()).isEqualTo(404);
      assertThat(trashed.bodyAsJsonObject().getString("error")).isEqualTo("Room with id " + TRASHED_ID + " not found");
      wireMock.verify(0, postRequestedFor(anyUrl()));
    } finally {
      service.stop();
    }
  }

  @Test
  void aUserOnlyInTheMapKeepsItsKaleyraUserInANewTeleconsultation(Vertx vertx) {
    run("--users", USERS);
    kaleyra.everyRoomIsNew();
    Service service = Service.start(vertx, kaleyra.baseUrl(), database, KEEP_OLD_TELECONSULTATIONS);
    try {
      JsonObject body = new JsonObject()
          .put("participants", new JsonObject().put("number", 2).put("data", new JsonArray()
              .add(new JsonObject().put("userId", "auth0|nurse-3").put("groups", new JsonArray().add("doctor"))
                  .put("fullName", "Nurse Ratched"))
              .add(new JsonObject().put("userId", "patient-7").put("groups", new JsonArray().add("patient"))
                  .put("fullName", "Jane Doe"))))
          .put("start_date", Instant.now().toString())
          .put("duration_in_seconds", 3600);

      HttpResponse<Buffer> created = service.post("/teleconsultation", body);

      assertThat(created.statusCode()).isEqualTo(201);
      wireMock.verify(0, postRequestedFor(urlEqualTo(KaleyraStubs.V2 + "/users")));
      assertThat(kaleyra.createdRooms()).hasSize(1);
      String room = wireMock.findAll(postRequestedFor(urlEqualTo(KaleyraStubs.V2 + "/rooms"))).get(0).getBodyAsString();
      assertThat(room).contains("\"user_nurse3\"").contains("\"user_pat7\"");
    } finally {
      service.stop();
    }
  }

  @Test
  void retentionErasesAnOldImportedTeleconsultationButNeverForgetsAnImportedUsersKaleyraUser(Vertx vertx)
      throws java.io.IOException {
    String trashedRow = Files.readAllLines(Path.of(TELECONSULTATIONS)).get(1);
    run("--users", USERS, "--teleconsultations", write(trashedRow).toString());
    Service service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of());
    try {
      JsonObject swept = vertx.eventBus().<JsonObject>request(io.teleconsultation.bus.Addresses.RETENTION_RUN,
          new JsonObject()).await().body();

      assertThat(database.text("SELECT personal_data_erased_at IS NOT NULL FROM teleconsultations WHERE id = '"
          + TRASHED_ID + "'")).isEqualTo("t");
      assertThat(swept.toString()).contains("\"forgottenUsers\":0");
      assertThat(database.text("SELECT kaleyra_id FROM kaleyra_users WHERE external_id = 'auth0|doctor-1'"))
          .isEqualTo("user_doc1");
    } finally {
      service.stop();
    }
  }

  @Test
  void worksOnTheEmbeddedDatabaseUnderDataDir(@TempDir Path dataDir) {
    JsonObject embedded = new JsonObject().put("DATABASE_URL", "").put("DATA_DIR", dataDir.toString());

    Run first = run(embedded, "--teleconsultations", TELECONSULTATIONS, "--users", USERS);
    Run second = run(embedded, "--teleconsultations", TELECONSULTATIONS, "--users", USERS);

    assertThat(first.output()).contains("into embedded").contains("teleconsultations: 3 imported");
    assertThat(second.output()).contains("teleconsultations: 0 imported, 3 already present, 2 refused");
    assertThat(dataDir.resolve("postgres")).isDirectory();
  }

  @Test
  void recordsThatContradictWhatIsStoredAreRefusedWithTheReason() {
    run("--teleconsultations", TELECONSULTATIONS, "--users", USERS);
    Path users = write("{\"bandyerId\":\"user_other\",\"receivedUserId\":\"auth0|doctor-1\"}\n"
        + "{\"bandyerId\":\"user_pat7\",\"receivedUserId\":\"someone-else\"}\n");
    Path sameRoom = write("[{\"_id\":{\"$oid\":\"65a1f0c2e4b0a1b2c3d4e601\"},\"bandyerRoomId\":\"room_imported_1\","
        + "\"participants\":[{\"userBandyerId\":\"user_doc1\",\"accessLinkURL\":\"https://acme.bandyer.com/x/1\"},"
        + "{\"userBandyerId\":\"user_pat7\",\"accessLinkURL\":\"https://acme.bandyer.com/x/2\"}],"
        + "\"startDate\":{\"$date\":\"2025-01-10T10:00:00Z\"},\"endDate\":{\"$date\":\"2025-01-10T11:00:00Z\"}}]");

    Run run = run("--users", users.toString(), "--teleconsultations", sameRoom.toString());

    assertThat(run.output())
        .contains("users: line 1: refused: user 'auth0|doctor-1' is already mapped to Kaleyra user 'user_doc1', not 'user_other'")
        .contains("users: line 2: refused: Kaleyra user 'user_pat7' is already mapped to user 'patient-7', not 'someone-else'")
        .contains("teleconsultations: line 1: refused: room 'room_imported_1' already belongs to teleconsultation " + IMPORTED_ID)
        .contains("users: 0 imported, 0 already present, 2 refused")
        .contains("teleconsultations: 0 imported, 0 already present, 1 refused");
    assertThat(run.status()).isEqualTo(2);
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '65a1f0c2e4b0a1b2c3d4e601'")).isZero();
  }

  @Test
  void aCleanExportEndsWithStatusZero() {
    Path users = write("{\"bandyerId\":\"user_a\",\"receivedUserId\":\"a\",\"groups\":[\"doctor\"]}");

    Run run = run("--users", users.toString());

    assertThat(run.status()).isZero();
    assertThat(run.output()).contains("users: 1 imported, 0 already present, 0 refused").doesNotContain("teleconsultations:");
  }

  @Test
  void badArgumentsAreExplainedWithoutTouchingTheDatabase() {
    Run unknown = run("--teleconsultation", TELECONSULTATIONS);
    Run missing = run("--users", "no/such/file.json");

    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.output()).contains("unknown argument '--teleconsultation'").contains("usage:");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.output()).contains("cannot read no/such/file.json");
  }

  private static Path write(String content) {
    try {
      Path file = Files.createTempFile("teleconsultations", ".json");
      Files.writeString(file, content);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
