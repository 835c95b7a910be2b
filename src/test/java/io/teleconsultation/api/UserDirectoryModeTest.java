package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.teleconsultation.domain.KaleyraUserId;
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
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.teleconsultation.support.Uploads;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user-directory mode (the old service's {@code AUTH_SERVICE}): participants by id only, their names and groups
 * from the directory. WireMock plays the directory and Kaleyra; PostgreSQL is real.
 */
@ExtendWith(VertxExtension.class)
class UserDirectoryModeTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @RegisterExtension
  static WireMockExtension directoryMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static DirectoryStubs directory = new DirectoryStubs(directoryMock);
  static TestDatabase database;
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        // A bare host name, as the old service's AUTH_SERVICE was written (auth0-client).
        "AUTH_SERVICE", directory.bareHost(),
        "DEFAULT_CLIENT_TYPE", "backoffice",
        "DIRECTORY_BREAKER_MAX_FAILURES", 1000,
        "DIRECTORY_TIMEOUT_MS", 5000));
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

  private static String id(String prefix) {
    return prefix + "|" + UUID.randomUUID();
  }

  private static JsonObject body(Object participants) {
    Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    return new JsonObject().put("participants", participants)
        .put("start_date", start.toString()).put("end_date", start.plusSeconds(3600).toString());
  }

  private HttpResponse<Buffer> create(JsonObject body) {
    return contract.check("createTeleconsultation", service.post("/teleconsultation", body));
  }

  private HttpResponse<Buffer> join(String teleconsultationId, String callerId) {
    return contract.check("getTeleconsultation", service.get("/teleconsultation/" + teleconsultationId, callerId));
  }

  private long stored() {
    return database.count("SELECT count(*) FROM teleconsultations");
  }

  private List<String> kaleyraUsersCreated() {
    return wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users"))).stream()
        .map(request -> new JsonObject(request.getBodyAsString()).getString("id") + ":"
            + new JsonObject(request.getBodyAsString()).getString("role"))
        .toList();
  }

  @Test
  void aPlainArrayOfUserIdsCreatesTheRoomWithTheNamesAndGroupsOfTheDirectory() {
    String doctor = id("auth0");
    String patient = id("auth0");
    directory.user(doctor, "Dr. Directory", "doctor");
    // An Auth0 user without name: given and family name; groups in app_metadata.
    directory.answers(patient, new JsonObject().put("given_name", "Jane").put("family_name", "Doe")
        .put("app_metadata", new JsonObject().put("groups", new JsonArray().add("patient"))));

    HttpResponse<Buffer> created = create(body(new JsonArray().add(doctor).add(patient)));

    assertThat(created.statusCode()).isEqualTo(201);
    String teleconsultation = created.bodyAsJsonObject().getString("roomId");
    assertThat(kaleyraUsersCreated()).contains(KaleyraUserId.of(doctor) + ":plus", KaleyraUserId.of(patient) + ":basic");
    assertThat(kaleyra.createdRooms()).hasSize(1);
    HttpResponse<Buffer> joined = join(teleconsultation, patient);
    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(joined.bodyAsJsonObject().getString("accessLinkURL")).startsWith("https://kaleyra.test/");
    assertThat(joined.bodyAsJsonObject().getJsonArray("participantsBandyerCall").stream()
        .map(p -> ((JsonObject) p).getString("fullName")).toList())
        .containsExactly("Dr. Directory", "Jane Doe");
    // The id is url-encoded in the path, and the client-type header is DEFAULT_CLIENT_TYPE.
    List<LoggedRequest> lookups = directory.lookupsOf(doctor);
    assertThat(lookups).hasSize(1);
    assertThat(lookups.get(0).getUrl()).isEqualTo("/users/auth0%7C" + doctor.substring("auth0|".length()));
    assertThat(lookups.get(0).getHeader("client-type")).isEqualTo("backoffice");
  }

  @Test
  void idsWithALanguageAreStoredWithoutARoomUntilEveryoneIsKnownThenAPatchByIdsCreatesIt() {
    String doctor = id("auth0");
    String patient = id("auth0");
    String nurse = id("auth0");
    directory.user(doctor, "Dr. Who", "doctor").user(patient, "Pat", "patient").user(nurse, "Nurse Ratched", "patient");

    HttpResponse<Buffer> created = create(body(new JsonObject().put("number", 3).put("data", new JsonArray()
        .add(new JsonObject().put("userId", doctor).put("language", "en"))
        .add(new JsonObject().put("userId", patient).put("language", "it")))));

    assertThat(created.statusCode()).isEqualTo(201);
    String teleconsultation = created.bodyAsJsonObject().getString("roomId");
    assertThat(database.text("SELECT participants::text FROM teleconsultations WHERE id = '" + teleconsultation + "'"))
        .contains("\"groups\": [\"doctor\"]", "\"fullName\": \"Dr. Who\"", "\"language\": \"en\"");
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + teleconsultation
        + "' AND room_id IS NULL")).isEqualTo(1);

    HttpResponse<Buffer> patched = contract.check("updateTeleconsultation", service.patch(
        "/teleconsultation/" + teleconsultation,
        new JsonObject().put("participants", new JsonArray().add(doctor).add(patient).add(nurse))));

    assertThat(patched.statusCode()).isEqualTo(204);
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + teleconsultation
        + "' AND room_id IS NOT NULL AND participants_number = 3")).isEqualTo(1);
    assertThat(join(teleconsultation, nurse).bodyAsJsonObject().getString("accessLinkURL")).isNotNull();
  }

  @Test
  void groupsInTheBodyDoNotCountTheDirectoryDecidesWhoIsPlus() {
    String patient = id("auth0");
    String otherPatient = id("auth0");
    directory.user(patient, "Pat One", "patient").user(otherPatient, "Pat Two", "patient");
    long before = stored();

    // A patient claims the doctor group in the full form: the directory says otherwise.
    HttpResponse<Buffer> response = create(body(new JsonObject().put("number", 2).put("data", new JsonArray()
        .add(new JsonObject().put("userId", patient).put("groups", new JsonArray().add("doctor")).put("fullName", "Dr. Me"))
        .add(new JsonObject().put("userId", otherPatient).put("groups", new JsonArray().add("patient"))
            .put("fullName", "Pat Two")))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("Failed POST /teleconsultation: no plus user in room");
    assertThat(stored()).isEqualTo(before);
    assertThat(kaleyraUsersCreated()).noneMatch(user -> user.startsWith(KaleyraUserId.of(patient)));
  }

  @Test
  void anUnknownUserIs400NamingItAndNothingReachesKaleyraOrTheDatabase() {
    String doctor = id("auth0");
    String stranger = id("auth0");
    directory.user(doctor, "Dr. Known", "doctor").unknown(stranger);
    long before = stored();
    int kaleyraCalls = wireMock.getAllServeEvents().size();

    HttpResponse<Buffer> response = create(body(new JsonArray().add(doctor).add(stranger)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Unknown user '" + stranger + "': the user directory does not know it");
    assertThat(stored()).isEqualTo(before);
    assertThat(wireMock.getAllServeEvents()).hasSize(kaleyraCalls);
  }

  @Test
  void aUserTheDirectoryListsInNoGroupIsRefused() {
    String doctor = id("auth0");
    String groupless = id("auth0");
    directory.user(doctor, "Dr. Known", "doctor").answers(groupless, new JsonObject().put("name", "No Group"));

    HttpResponse<Buffer> response = create(body(new JsonArray().add(doctor).add(groupless)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("no group", groupless);
  }

  @Test
  void anAnswerThatIsNotAUserIs502AndNothingIsCreated() {
    String doctor = id("auth0");
    String broken = id("auth0");
    directory.user(doctor, "Dr. Known", "doctor");
    directoryMock.stubFor(get(urlEqualTo(DirectoryStubs.path(broken)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>")));
    String absurd = id("auth0");
    directory.answers(absurd, new JsonObject().put("name", "x".repeat(5000)).put("groups", new JsonArray().add("patient")));
    long before = stored();

    HttpResponse<Buffer> notJson = create(body(new JsonArray().add(doctor).add(broken)));
    HttpResponse<Buffer> absurdName = create(body(new JsonArray().add(doctor).add(absurd)));

    assertThat(notJson.statusCode()).isEqualTo(502);
    assertThat(notJson.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The user directory answered something else than JSON to the user lookup");
    assertThat(absurdName.statusCode()).isEqualTo(502);
    assertThat(absurdName.bodyAsJsonObject().getString("detail")).contains("a name longer than 256 characters");
    assertThat(stored()).isEqualTo(before);
    assertThat(kaleyraUsersCreated()).noneMatch(user -> user.startsWith(KaleyraUserId.of(doctor)));
  }

  @Test
  void dotSegmentsAsUserIdsAre400BeforeAnyDirectoryLookup() {
    String doctor = id("auth0");
    directory.user(doctor, "Dr. Dots", "doctor");
    long before = stored();

    HttpResponse<Buffer> dotDot = create(body(new JsonArray().add(doctor).add("..")));
    HttpResponse<Buffer> dot = create(body(new JsonObject().put("number", 2).put("data", new JsonArray()
        .add(new JsonObject().put("userId", doctor)).add(new JsonObject().put("userId", ".")))));

    assertThat(dotDot.statusCode()).isEqualTo(400);
    assertThat(dotDot.bodyAsJsonObject().getString("detail"))
        .isEqualTo("User id '..' is not accepted: '.' and '..' are not user ids");
    assertThat(dot.statusCode()).isEqualTo(400);
    assertThat(directoryMock.getAllServeEvents()).noneMatch(event -> event.getRequest().getUrl().startsWith("/users/.")
        || event.getRequest().getUrl().equals("/users") || event.getRequest().getUrl().equals("/"));
    assertThat(directory.lookupsOf(doctor)).isEmpty();
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aNameOrGroupTheDatabaseCannotStoreIs502BeforeKaleyraIsCalledAndNothingIsStored() {
    String doctor = id("auth0");
    String nulName = id("auth0");
    String nulGroup = id("auth0");
    directory.user(doctor, "Dr. Known", "doctor").user(nulName, "Pat\u0000Nul", "patient")
        .user(nulGroup, "Pat Group", "pat\u0000ient");
    long before = stored();
    int kaleyraCalls = wireMock.getAllServeEvents().size();

    HttpResponse<Buffer> name = create(body(new JsonArray().add(doctor).add(nulName)));
    HttpResponse<Buffer> group = create(body(new JsonArray().add(doctor).add(nulGroup)));

    assertThat(name.statusCode()).isEqualTo(502);
    assertThat(name.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The user directory gave user '" + nulName + "' a name the database cannot store"
            + " (U+0000 or an unpaired surrogate)");
    assertThat(group.statusCode()).isEqualTo(502);
    assertThat(group.bodyAsJsonObject().getString("detail")).contains("invalid groups at 'groups'");
    assertThat(wireMock.getAllServeEvents()).hasSize(kaleyraCalls);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aUserFoundIsNotAskedForAgainWithinTheCacheTtl() {
    String doctor = id("auth0");
    String patient = id("auth0");
    directory.user(doctor, "Dr. Cached", "doctor").user(patient, "Pat Cached", "patient");

    assertThat(create(body(new JsonArray().add(doctor).add(patient))).statusCode()).isEqualTo(201);
    assertThat(create(body(new JsonArray().add(patient).add(doctor))).statusCode()).isEqualTo(201);

    assertThat(directory.lookupsOf(doctor)).hasSize(1);
    assertThat(directory.lookupsOf(patient)).hasSize(1);
  }

  @Test
  void theDeprecatedAddParticipantTakesAUserIdAlone() {
    String doctor = id("auth0");
    String patient = id("auth0");
    directory.user(doctor, "Dr. Add", "doctor").user(patient, "Pat Add", "patient");
    String teleconsultation = create(body(new JsonObject().put("number", 2)
        .put("data", new JsonArray().add(new JsonObject().put("userId", doctor))))).bodyAsJsonObject().getString("roomId");

    HttpResponse<Buffer> added = contract.check("addParticipant", service.post(
        "/teleconsultation/" + teleconsultation + "/participants/data", new JsonObject().put("userId", patient)));

    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(join(teleconsultation, patient).bodyAsJsonObject().getJsonArray("participantsBandyerCall").stream()
        .map(p -> ((JsonObject) p).getString("fullName")).toList()).containsExactly("Dr. Add", "Pat Add");
  }

  @Test
  void credentialsTakeTheCallersGroupsFromTheDirectoryNotFromTheHeader() {
    wireMock.stubFor(post(urlEqualTo("/v2/sdk/credentials")).willReturn(jsonResponse(
        "{\"access_token\":\"token\",\"expires_at\":\"2030-01-10T11:41:19.000Z\"}", 201)));
    String doctor = id("auth0");
    String patient = id("auth0");
    directory.user(doctor, "Dr. Sdk", "doctor").user(patient, "Pat Sdk", "patient");

    HttpResponse<Buffer> asDoctor = credentials(doctor, "patient");
    HttpResponse<Buffer> asPatientClaimingDoctor = credentials(patient, "doctor");

    assertThat(asDoctor.statusCode()).isEqualTo(201);
    assertThat(asPatientClaimingDoctor.statusCode()).isEqualTo(201);
    assertThat(kaleyraUsersCreated()).contains(KaleyraUserId.of(doctor) + ":plus", KaleyraUserId.of(patient) + ":basic");
  }

  @Test
  void credentialsForACallerTheDirectoryDoesNotKnowAre401() {
    String stranger = id("auth0");
    directory.unknown(stranger);

    HttpResponse<Buffer> response = credentials(stranger, "doctor");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
    assertThat(kaleyraUsersCreated()).noneMatch(user -> user.startsWith(KaleyraUserId.of(stranger)));
  }

  @Test
  void checkUpReportsTheDirectory() {
    HttpResponse<Buffer> response = contract.check("getCheckUp", service.request(HttpMethod.GET, "/-/check-up").send().await());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject check = response.bodyAsJsonObject().getJsonObject("checks").getJsonObject("directory");
    assertThat(check.getString("status")).isEqualTo("OK");
    assertThat(check.getString("circuit")).isEqualTo("CLOSED");
  }

  @Test
  void settingsTakeTheCallersGroupsFromTheDirectorySoASpoofedAdminHeaderIs403(@TempDir Path files) {
    wireMock.stubFor(put(urlEqualTo("/v2/company")).willReturn(jsonResponse(SettingsTest.COMPANY, 200)));
    wireMock.stubFor(post(urlEqualTo("/v2/company/virtual_backgrounds")).willReturn(jsonResponse(
        "{\"background_alias\":\"a1\",\"url\":\"https://static.bandyer.test/a1.png\","
            + "\"creation_date\":\"2030-01-09T10:00:00.000Z\"}", 201)));
    String patient = id("auth0");
    String admin = id("auth0");
    directory.user(patient, "Pat Spoof", "patient").user(admin, "Ada Admin", "admin");
    Path image = Uploads.image(files, "bg.jpg", "jpg");
    int kaleyraCalls = wireMock.getAllServeEvents().size();

    HttpResponse<Buffer> spoofedUpload = uploadBackground(patient, "admin", image);
    HttpResponse<Buffer> spoofedUpdate = updateSettings(patient, "admin");

    assertThat(spoofedUpload.statusCode()).isEqualTo(403);
    assertThat(spoofedUpdate.statusCode()).isEqualTo(403);
    assertThat(spoofedUpdate.bodyAsJsonObject().getString("detail")).isEqualTo("The user is not allowed to change the settings");
    assertThat(wireMock.getAllServeEvents()).hasSize(kaleyraCalls);

    HttpResponse<Buffer> adminUpload = uploadBackground(admin, null, image);
    HttpResponse<Buffer> adminUpdate = updateSettings(admin, null);

    assertThat(adminUpload.statusCode()).isEqualTo(200);
    assertThat(adminUpdate.statusCode()).isEqualTo(200);
  }

  @Test
  void settingsForACallerTheDirectoryDoesNotKnowAre401(@TempDir Path files) {
    String stranger = id("auth0");
    directory.unknown(stranger);

    assertThat(uploadBackground(stranger, "admin", Uploads.image(files, "bg.png", "png")).statusCode()).isEqualTo(401);
    assertThat(updateSettings(stranger, "admin").statusCode()).isEqualTo(401);
  }

  private HttpResponse<Buffer> uploadBackground(String callerId, String headerGroups, Path image) {
    HttpRequest<Buffer> request = service.request(HttpMethod.POST, "/settings/background-image")
        .putHeader("miauserid", callerId);
    if (headerGroups != null) {
      request.putHeader("miausergroups", headerGroups);
    }
    return contract.check("uploadBackgroundImage", request.sendMultipartForm(MultipartForm.create()
        .binaryFileUpload("virtual_background", "bg.png", image.toString(), "image/png")).await());
  }

  private HttpResponse<Buffer> updateSettings(String callerId, String headerGroups) {
    HttpRequest<Buffer> request = service.request(HttpMethod.PATCH, "/settings/update").putHeader("miauserid", callerId);
    if (headerGroups != null) {
      request.putHeader("miausergroups", headerGroups);
    }
    return contract.check("updateSettings", request.sendJsonObject(new JsonObject().put("background_alias", "a1")).await());
  }

  private HttpResponse<Buffer> credentials(String callerId, String headerGroups) {
    return contract.check("createCredentials", service.request(HttpMethod.POST, "/credentials")
        .putHeader("miauserid", callerId).putHeader("miausergroups", headerGroups).send().await());
  }
}
