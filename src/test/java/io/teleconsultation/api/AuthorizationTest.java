package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.domain.KaleyraUserId;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Who may change what (README, "Security"). {@code strict} is the default mode: a change needs an identified caller
 * who is a plus participant of the teleconsultation or a manager (the fixture's {@link Service#MANAGER_GROUP});
 * {@code gateway} (AUTHORIZATION_MODE=gateway) is the original service, which trusted its gateway for everything.
 */
@ExtendWith(VertxExtension.class)
class AuthorizationTest {

  static final String STRANGER = "mallory";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static TestDatabase database;
  static Service strict;
  /** On a Vert.x of its own: two services on one event bus would answer each other's requests. */
  static Vertx gatewayNode;
  static Service gateway;
  static Contract contract;
  static List<ILoggingEvent> gatewayStartLogs;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    strict = Service.start(vertx, kaleyra.baseUrl(), database, Map.of("TELECONSULTATION_DELETE_UPLOADS", true));
    gatewayNode = Vertx.vertx();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try {
      gateway = Service.start(gatewayNode, kaleyra.baseUrl(), TestDatabase.create(), Map.of(
          "AUTHORIZATION_MODE", "gateway", "TELECONSULTATION_DELETE_UPLOADS", true));
    } finally {
      root.detachAppender(logs);
    }
    gatewayStartLogs = List.copyOf(logs.list);
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    strict.stop();
    gateway.stop();
    gatewayNode.close().await();
  }

  @BeforeEach
  void kaleyraWorks() {
    wireMock.resetAll();
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
  }

  /** A doctor and a patient in two hours (outside the immutable period), created by the fixture's manager. */
  private static String booked(Service service) {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 2, doctor(), patient()));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("roomId");
  }

  private static HttpResponse<Buffer> send(Service service, String operationId, HttpMethod method, String path,
      JsonObject body, String userId, String... groups) {
    var request = service.requestAs(method, path, userId, groups);
    return contract.check(operationId, (body == null ? request.send() : request.sendJsonObject(body)).await());
  }

  private static HttpResponse<Buffer> patch(Service service, String id, String userId, String... groups) {
    return send(service, "updateTeleconsultation", HttpMethod.PATCH, "/teleconsultation/" + id,
        new JsonObject().put("duration_in_seconds", 1800), userId, groups);
  }

  private static HttpResponse<Buffer> delete(Service service, String id, String userId, String... groups) {
    return send(service, "deleteTeleconsultation", HttpMethod.DELETE, "/teleconsultation/" + id, null, userId, groups);
  }

  private static HttpResponse<Buffer> create(Service service, JsonObject body, String userId, String... groups) {
    return send(service, "createTeleconsultation", HttpMethod.POST, "/teleconsultation", body, userId, groups);
  }

  private static HttpResponse<Buffer> addParticipant(Service service, String id, String userId, String... groups) {
    return send(service, "addParticipant", HttpMethod.POST, "/teleconsultation/" + id + "/participants/data",
        participant("patient-8", "patient", "Late Comer"), userId, groups);
  }

  private static String stored(String id, String column) {
    return database.text("SELECT " + column + " FROM teleconsultations WHERE id = '" + id + "'");
  }

  /** The role each Kaleyra user was created with, by external id. */
  private static Map<String, String> createdUserRoles() {
    return wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users"))).stream()
        .map(request -> new JsonObject(request.getBodyAsString()))
        .collect(Collectors.toMap(user -> user.getString("id"), user -> user.getString("role")));
  }

  /** The is_admin flag of each participant of the last room created, by Kaleyra user id. */
  private static Map<String, Boolean> lastRoomAdmins() {
    var rooms = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms")));
    JsonArray participants = new JsonObject(rooms.get(rooms.size() - 1).getBodyAsString()).getJsonArray("participants");
    return participants.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(p -> p.getString("user_id"), p -> p.getBoolean("is_admin")));
  }

  @Test
  void strangerCannotPatchSomeoneElsesTeleconsultation() {
    String id = booked(strict);
    String versionBefore = stored(id, "version");

    HttpResponse<Buffer> response = patch(strict, id, STRANGER, "doctor");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(response.bodyAsJsonObject().getString("detail")).doesNotContain(Service.MANAGER_GROUP);
    assertThat(stored(id, "version")).as("nothing changed").isEqualTo(versionBefore);
  }

  @Test
  void strangerCannotAddThemselvesAsADoctorToReadSomeoneElsesJoinLink() {
    HttpResponse<Buffer> created = strict.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()));
    String id = created.bodyAsJsonObject().getString("roomId");
    JsonObject takeover = new JsonObject().put("participants", new JsonObject().put("number", 3)
        .put("data", new JsonArray().add(doctor()).add(patient()).add(participant(STRANGER, "doctor", "Dr. Mallory"))));

    HttpResponse<Buffer> response = send(strict, "updateTeleconsultation", HttpMethod.PATCH, "/teleconsultation/" + id,
        takeover, STRANGER, "doctor");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(strict.get("/teleconsultation/" + id, STRANGER).statusCode()).isEqualTo(401);
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms")))).isEmpty();
  }

  @Test
  void strangerCannotAddAParticipant() {
    HttpResponse<Buffer> created = strict.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 3, doctor(), patient()));
    String id = created.bodyAsJsonObject().getString("roomId");

    HttpResponse<Buffer> response = addParticipant(strict, id, STRANGER);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(stored(id, "jsonb_array_length(participants)")).isEqualTo("2");
  }

  @Test
  void strangerCannotDeleteATeleconsultation() {
    String id = booked(strict);

    HttpResponse<Buffer> response = delete(strict, id, STRANGER, "patient");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(stored(id, "state")).isEqualTo("ACTIVE");
    assertThat(wireMock.findAll(deleteRequestedFor(urlMatching("/v2/rooms/.+")))).isEmpty();
  }

  @Test
  void aBasicParticipantCannotChangeOrDeleteIt() {
    String id = booked(strict);

    assertThat(patch(strict, id, PATIENT, "patient").statusCode()).isEqualTo(403);
    assertThat(delete(strict, id, PATIENT, "patient").statusCode()).isEqualTo(403);
    assertThat(stored(id, "state")).isEqualTo("ACTIVE");
  }

  @Test
  void withoutIdentityEveryChangeIs401AndNothingReachesKaleyra() {
    String id = booked(strict);
    wireMock.resetRequests();

    HttpResponse<Buffer> creation = create(strict, body(Instant.now().plusSeconds(7200), 2, doctor(), patient()), null);
    HttpResponse<Buffer> change = patch(strict, id, null);
    HttpResponse<Buffer> addition = addParticipant(strict, id, null);
    HttpResponse<Buffer> deletion = delete(strict, id, null);
    HttpResponse<Buffer> uploads = send(strict, "deleteTeleconsultationUploads", HttpMethod.DELETE,
        "/teleconsultation/" + id + "/uploads", null, null);

    for (HttpResponse<Buffer> response : List.of(creation, change, addition, deletion, uploads)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
    }
    assertThat(wireMock.getAllServeEvents()).as("no Kaleyra call").isEmpty();
    assertThat(stored(id, "state")).isEqualTo("ACTIVE");
  }

  @Test
  void aPlusParticipantMayChangeAndDeleteTheirTeleconsultation() {
    String id = booked(strict);

    assertThat(patch(strict, id, DOCTOR, "doctor").statusCode()).isEqualTo(204);
    assertThat(stored(id, "duration_in_seconds")).isEqualTo("1800");
    assertThat(delete(strict, id, DOCTOR).statusCode()).as("the stored role counts, not the header").isEqualTo(204);
    assertThat(stored(id, "state")).isEqualTo("DELETED");
  }

  @Test
  void aManagerMayChangeAndDeleteAnyTeleconsultation() {
    String id = booked(strict);

    assertThat(patch(strict, id, "back-office-2", "other-group", Service.MANAGER_GROUP).statusCode()).isEqualTo(204);
    assertThat(delete(strict, id, "back-office-2", Service.MANAGER_GROUP).statusCode()).isEqualTo(204);
    assertThat(stored(id, "state")).isEqualTo("DELETED");
  }

  @Test
  void aDoctorMayCreateATeleconsultationTheyArePlusParticipantOf() {
    HttpResponse<Buffer> response = create(strict, body(Instant.now().plusSeconds(7200), 2, doctor(), patient()),
        DOCTOR, "doctor");

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void nobodyButAManagerMayCreateATeleconsultationTheyAreNotAPlusParticipantOf() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 2, doctor(), patient());

    HttpResponse<Buffer> stranger = create(strict, body, STRANGER, "doctor");
    HttpResponse<Buffer> patient = create(strict, body, PATIENT, "patient");

    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(patient.statusCode()).isEqualTo(403);
    assertThat(wireMock.getAllServeEvents()).as("no Kaleyra call").isEmpty();
  }

  @Test
  void namingYourselfInAPlusGroupMakesYouAdminOfThatRoomButNotAPlusKaleyraUser() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 2,
        participant(STRANGER, "doctor", "Dr. Mallory"), participant("victim-1", "patient", "Victim"));

    HttpResponse<Buffer> response = create(strict, body, STRANGER, "patient");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(createdUserRoles()).containsEntry(KaleyraUserId.of(STRANGER), "basic");
    assertThat(lastRoomAdmins()).containsEntry(KaleyraUserId.of(STRANGER), true);
  }

  @Test
  void onlyTheCallersOwnGroupsOrAManagerDecideAPlusKaleyraUser() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 3, participant("doctor-a", "doctor", "Dr. A"),
        participant("doctor-b", "doctor", "Dr. B"), participant("patient-c", "patient", "C"));

    assertThat(create(strict, body, "doctor-a", "doctor").statusCode()).isEqualTo(201);

    assertThat(createdUserRoles())
        .containsEntry(KaleyraUserId.of("doctor-a"), "plus")
        .as("named by someone who is not a manager").containsEntry(KaleyraUserId.of("doctor-b"), "basic")
        .containsEntry(KaleyraUserId.of("patient-c"), "basic");
    assertThat(lastRoomAdmins()).as("the room still follows the body's groups")
        .containsEntry(KaleyraUserId.of("doctor-b"), true).containsEntry(KaleyraUserId.of("patient-c"), false);

    wireMock.resetRequests();
    JsonObject byManager = body(Instant.now().plusSeconds(7200), 2, participant("doctor-d", "doctor", "Dr. D"), patient());
    assertThat(strict.post("/teleconsultation", byManager).statusCode()).isEqualTo(201);
    assertThat(createdUserRoles()).containsEntry(KaleyraUserId.of("doctor-d"), "plus");
  }

  @Test
  void aPlusParticipantCannotPromoteAKnownBasicUser() {
    String id = booked(strict);
    wireMock.resetRequests();
    JsonObject promotion = new JsonObject().put("participants", new JsonObject().put("number", 2)
        .put("data", new JsonArray().add(doctor()).add(participant(PATIENT, "doctor", "Jane Doe"))));

    HttpResponse<Buffer> response = send(strict, "updateTeleconsultation", HttpMethod.PATCH, "/teleconsultation/" + id,
        promotion, DOCTOR, "doctor");

    assertThat(response.statusCode()).isEqualTo(204);
    wireMock.verify(0, putRequestedFor(urlMatching("/v2/users/.+")));
    assertThat(lastRoomAdmins()).containsEntry(KaleyraUserId.of(PATIENT), true);
  }

  @Test
  void someoneElsesIdempotencyKeyReplaysNothing() {
    JsonObject body = body(Instant.now().plusSeconds(7200), 2, doctor(), patient());
    HttpResponse<Buffer> first = contract.check("createTeleconsultation", strict.requestAs(HttpMethod.POST, "/teleconsultation",
        DOCTOR, "doctor").putHeader("Idempotency-Key", "key-of-the-doctor").sendJsonObject(body).await());

    HttpResponse<Buffer> replay = contract.check("createTeleconsultation", strict.requestAs(HttpMethod.POST,
        "/teleconsultation", STRANGER, "doctor").putHeader("Idempotency-Key", "key-of-the-doctor").sendJsonObject(body).await());

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).isEqualTo(422);
    assertThat(replay.bodyAsString()).doesNotContain(first.bodyAsJsonObject().getString("roomId"));
  }

  @Test
  void aSecondIdentityOrGroupsHeaderIs400NamingIt() {
    String id = booked(strict);
    var twoIdentities = strict.requestAs(HttpMethod.DELETE, "/teleconsultation/" + id, null);
    twoIdentities.headers().add("miauserid", DOCTOR).add("miauserid", STRANGER);
    var twoGroups = strict.requestAs(HttpMethod.GET, "/teleconsultation/" + id, DOCTOR);
    twoGroups.headers().add("miausergroups", "patient").add("miausergroups", Service.MANAGER_GROUP);

    HttpResponse<Buffer> identities = contract.check("deleteTeleconsultation", twoIdentities.send().await());
    HttpResponse<Buffer> groups = contract.check("getTeleconsultation", twoGroups.send().await());

    assertThat(identities.statusCode()).isEqualTo(400);
    assertThat(identities.bodyAsJsonObject().getString("detail")).isEqualTo("The header miauserid must appear at most once");
    assertThat(groups.statusCode()).isEqualTo(400);
    assertThat(groups.bodyAsJsonObject().getString("detail")).contains("miausergroups");
    assertThat(stored(id, "state")).isEqualTo("ACTIVE");
  }

  @Test
  void gatewayModeSaysAtStartThatTheServiceChecksNothing() {
    assertThat(gatewayStartLogs).filteredOn(event -> event.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(message -> assertThat(message).startsWith("AUTHORIZATION_MODE=gateway"));
  }

  @Test
  void gatewayModeTrustsTheGatewayAsTheOriginalServiceDid() {
    HttpResponse<Buffer> created = create(gateway,
        body(Instant.now().plusSeconds(7200), 2, participant(STRANGER, "doctor", "Dr. Mallory"), patient()), null);
    String id = created.bodyAsJsonObject().getString("roomId");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(createdUserRoles()).as("the body's groups decide").containsEntry(KaleyraUserId.of(STRANGER), "plus");
    assertThat(patch(gateway, id, null).statusCode()).isEqualTo(204);
    assertThat(patch(gateway, id, "someone-else").statusCode()).isEqualTo(204);
    HttpResponse<Buffer> strangerUploads = send(gateway, "deleteTeleconsultationUploads", HttpMethod.DELETE,
        "/teleconsultation/" + id + "/uploads", null, "someone-else");
    assertThat(strangerUploads.statusCode()).as("uploads keep the original participants-only rule").isEqualTo(401);
    assertThat(delete(gateway, id, null).statusCode()).isEqualTo(204);
  }
}
