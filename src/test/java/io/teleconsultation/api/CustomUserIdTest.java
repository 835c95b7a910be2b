package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom user ids ({@code CUSTOM_ID_USERS_API_ENDPOINT} with {@code customUserId}) and the caller's id read where
 * {@code userIdPathInRequest} says, as in the old service's own example: the JSON header {@code miauserproperties},
 * member {@code customUserId}.
 */
@ExtendWith(VertxExtension.class)
class CustomUserIdTest {

  static final String DOCTOR_CUSTOM_ID = "65a1f0c2e4b0a1b2c3d4e5f6";
  static final String DOCTOR_AUTH_ID = "auth0|doctor-custom";
  static final String PATIENT_CUSTOM_ID = "jane.doe@example.com";
  static final String PATIENT_AUTH_ID = "auth0|patient-custom";

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
  static void start(Vertx vertx, @TempDir Path configDirectory) throws Exception {
    Path config = configDirectory.resolve("teleconsultation-config.json");
    Files.writeString(config, """
        {"privileges": {"plus": {"groups": ["doctor"]}, "basic": {"groups": ["patient"]}},
         "customUserId": {"source": "_id", "target": "authUserId"},
         "userIdPathInRequest": [
           {"from": "object", "extract": "headers"},
           {"from": "object", "extract": "miauserproperties"},
           {"from": "json", "extract": "customUserId"}]}
        """);
    database = TestDatabase.create();
    String host = "http://" + directory.bareHost();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "AUTH_SERVICE", host,
        "CUSTOM_ID_USERS_API_ENDPOINT", host + DirectoryStubs.CUSTOM_USERS,
        "TELECONSULTATION_SERVICE_CONFIG_PATH", Service.withManagerGroup(config)));
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @BeforeEach
  void kaleyraAndDirectoryWork() {
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    directory.customId(DOCTOR_CUSTOM_ID, DOCTOR_AUTH_ID).customId(PATIENT_CUSTOM_ID, PATIENT_AUTH_ID)
        .user(DOCTOR_AUTH_ID, "Dr. Custom", "doctor").user(PATIENT_AUTH_ID, "Jane Custom", "patient");
  }

  private static JsonObject body(Object participants) {
    Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    return new JsonObject().put("participants", participants)
        .put("start_date", start.toString()).put("end_date", start.plusSeconds(3600).toString());
  }

  /** POST /teleconsultation from the back office, identified where userIdPathInRequest says. */
  private static HttpResponse<Buffer> createAsManager(JsonObject body) {
    return service.requestAs(HttpMethod.POST, "/teleconsultation", null, Service.MANAGER_GROUP)
        .putHeader("miauserproperties", new JsonObject().put("customUserId", Service.MANAGER).encode())
        .sendJsonObject(body).await();
  }

  private String createDoctorAndPatient() {
    HttpResponse<Buffer> created = contract.check("createTeleconsultation", createAsManager(
        body(new JsonArray().add(DOCTOR_CUSTOM_ID).add(PATIENT_CUSTOM_ID))));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("roomId");
  }

  private HttpResponse<Buffer> join(String teleconsultation, String properties, String miauserid) {
    HttpRequest<Buffer> request = service.request(HttpMethod.GET, "/teleconsultation/" + teleconsultation);
    if (properties != null) {
      request.putHeader("miauserproperties", properties);
    }
    if (miauserid != null) {
      request.putHeader("miauserid", miauserid);
    }
    return contract.check("getTeleconsultation", request.send().await());
  }

  @Test
  void customIdsAreResolvedToDirectoryIdsAndTheTeleconsultationKeepsTheIdsTheClientSent() {
    // Ids of this test only: the lookups of the other tests may be cached.
    String patientCustomId = "john.roe@example.com";
    directory.customId(patientCustomId, "auth0|john-roe").user("auth0|john-roe", "John Roe", "patient");

    HttpResponse<Buffer> created = contract.check("createTeleconsultation", createAsManager(
        body(new JsonArray().add(DOCTOR_CUSTOM_ID).add(patientCustomId))));

    assertThat(created.statusCode()).isEqualTo(201);
    // Resolved by GET {CUSTOM_ID_USERS_API_ENDPOINT}?_id=<custom id>, then looked up by the directory id.
    directoryMock.verify(1, getRequestedFor(urlPathEqualTo(DirectoryStubs.CUSTOM_USERS))
        .withQueryParam("_id", equalTo(patientCustomId)));
    assertThat(directory.lookupsOf("auth0|john-roe")).hasSize(1);
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users"))).stream()
        .map(request -> new JsonObject(request.getBodyAsString()).getString("id")))
        .contains(KaleyraUserId.of(patientCustomId));

    String teleconsultation = created.bodyAsJsonObject().getString("roomId");
    HttpResponse<Buffer> joined = join(teleconsultation, new JsonObject().put("customUserId", patientCustomId).encode(), null);

    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(joined.bodyAsJsonObject().getString("bandyerUserId")).isEqualTo(KaleyraUserId.of(patientCustomId));
    assertThat(joined.bodyAsJsonObject().getJsonArray("participantsBandyerCall").stream()
        .map(p -> ((JsonObject) p).getString("fullName")).toList()).containsExactly("Dr. Custom", "John Roe");
  }

  @Test
  void theCallerIsReadOnlyWhereUserIdPathInRequestSays() {
    String teleconsultation = createDoctorAndPatient();

    assertThat(join(teleconsultation, null, PATIENT_CUSTOM_ID).statusCode())
        .as("miauserid is not where this configuration reads the caller").isEqualTo(401);
    assertThat(join(teleconsultation, "not json", null).statusCode()).isEqualTo(401);
    assertThat(join(teleconsultation, "{\"customUserId\": 42}", null).statusCode()).isEqualTo(401);
    assertThat(join(teleconsultation, "{\"other\": \"" + PATIENT_CUSTOM_ID + "\"}", null).statusCode()).isEqualTo(401);
    assertThat(join(teleconsultation, new JsonObject().put("customUserId", DOCTOR_CUSTOM_ID).encode(), null)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aCustomIdThatResolvesToADotSegmentIs502AndTheUsersPathIsNeverAskedForIt() {
    directory.customId("dots@example.com", "..");
    long before = database.count("SELECT count(*) FROM teleconsultations");

    HttpResponse<Buffer> response = contract.check("createTeleconsultation", createAsManager(
        body(new JsonArray().add(DOCTOR_CUSTOM_ID).add("dots@example.com"))));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The custom id lookup answered an invalid 'authUserId'");
    assertThat(directoryMock.getAllServeEvents())
        .noneMatch(event -> event.getRequest().getUrl().matches("/users/?\\.*/?"));
    assertThat(database.count("SELECT count(*) FROM teleconsultations")).isEqualTo(before);
  }

  @Test
  void aCustomIdTheEndpointDoesNotKnowIs400NamingIt() {
    directory.unknownCustomId("nobody@example.com");
    long before = database.count("SELECT count(*) FROM teleconsultations");

    HttpResponse<Buffer> response = contract.check("createTeleconsultation", createAsManager(
        body(new JsonArray().add(DOCTOR_CUSTOM_ID).add("nobody@example.com"))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Unknown user 'nobody@example.com': the user directory does not know it");
    assertThat(database.count("SELECT count(*) FROM teleconsultations")).isEqualTo(before);
  }

  @Test
  void credentialsFindTheCallerThroughTheCustomIdAndTakeItsGroupsFromTheDirectory() {
    wireMock.stubFor(post(urlEqualTo("/v2/sdk/credentials")).willReturn(jsonResponse(
        "{\"access_token\":\"token\",\"expires_at\":\"2030-01-10T11:41:19.000Z\"}", 201)));

    HttpResponse<Buffer> response = contract.check("createCredentials", service.request(HttpMethod.POST, "/credentials")
        .putHeader("miauserproperties", new JsonObject().put("customUserId", DOCTOR_CUSTOM_ID).encode())
        .send().await());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("bandyerUserId")).isEqualTo(KaleyraUserId.of(DOCTOR_CUSTOM_ID));
    assertThat(database.text("SELECT role FROM kaleyra_users WHERE external_id = '" + DOCTOR_CUSTOM_ID + "'"))
        .isEqualTo("plus");
  }

  @Test
  void aSecondCopyOfTheHeaderTheCallerIsReadFromIs400() {
    String id = createDoctorAndPatient();
    HttpRequest<Buffer> request = service.request(HttpMethod.GET, "/teleconsultation/" + id);
    request.headers().add("miauserproperties", new JsonObject().put("customUserId", PATIENT_CUSTOM_ID).encode())
        .add("miauserproperties", new JsonObject().put("customUserId", DOCTOR_CUSTOM_ID).encode());

    HttpResponse<Buffer> response = contract.check("getTeleconsultation", request.send().await());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The header miauserproperties must appear at most once");
  }
}
