package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with every behaviour setting changed from its default: limited rooms, no live mode, manual
 * recording, a 2-hour immutable period, other identity headers, a custom roles config whose clients always
 * join with the company background, and AUTHORIZATION_MODE=gateway (the original service's trust in its gateway).
 */
@ExtendWith(VertxExtension.class)
class ConfiguredServiceTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Service service;

  @BeforeAll
  static void start(Vertx vertx, @TempDir Path directory) throws Exception {
    Path roles = directory.resolve("roles.json");
    Files.writeString(roles, """
        {"privileges": {
          "plus": {"groups": ["physician"], "tools": {"chat": true, "screen_sharing": true}},
          "basic": {"groups": ["client"], "tools": {"chat": true}}
        },
         "groupsWithBackgroundList": ["client"]}
        """);
    service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of(
        "UNLIMITED_TELECONSULTATION", false,
        "LIVE_TELECONSULTATION", false,
        "DEFAULT_RECORDING_TYPE", "manual",
        "IMMUTABLE_PERIOD_MS", 2 * 3600 * 1000,
        "USERID_HEADER_KEY", "x-user-id",
        // The original service's trust in its gateway: anonymous changes pass, as they did there.
        "AUTHORIZATION_MODE", "gateway",
        "TELECONSULTATION_SERVICE_CONFIG_PATH", roles.toString()));
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @BeforeEach
  void kaleyraWorks() {
    kaleyra.usersAreCreated().roomsCanBeDeleted();
  }

  private String create(String roomId, Instant start) {
    kaleyra.roomIsCreated(roomId, List.of(DOCTOR, PATIENT)).roomExists(roomId);
    HttpResponse<Buffer> response = service.post("/teleconsultation", body(start, 2,
        participant(DOCTOR, "physician", "Dr. Joe Smith"), participant(PATIENT, "client", "Jane Doe")));
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("roomId");
  }

  private JsonObject viewAs(String id, String header, String callerId) {
    HttpResponse<Buffer> response = service.request(HttpMethod.GET, "/teleconsultation/" + id)
        .putHeader(header, callerId).send().await();
    return response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
  }

  @Test
  void roomsGetTheScheduledDurationRecordingModeLiveFlagAndRoleToolsFromConfiguration() {
    create("room_configured", Instant.now().plusSeconds(3 * 3600));

    JsonObject room = new JsonObject(
        wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms"))).get(0).getBodyAsString());
    assertThat(room.getLong("duration")).isEqualTo(3600);
    assertThat(room.getBoolean("live")).isFalse();
    assertThat(room.getString("recording")).isEqualTo("manual");
    JsonObject doctorTools = room.getJsonArray("participants").getJsonObject(0).getJsonObject("tools");
    JsonObject patientTools = room.getJsonArray("participants").getJsonObject(1).getJsonObject("tools");
    assertThat(doctorTools.getBoolean("screen_sharing")).isTrue();
    assertThat(doctorTools.getBoolean("whiteboard")).isFalse();
    assertThat(patientTools.getBoolean("chat")).isTrue();
    assertThat(patientTools.getBoolean("screen_sharing")).isFalse();
  }

  @Test
  void linkIsHandedOutOnceInsideTheImmutablePeriodAndNotBefore() {
    String inside = create("room_inside", Instant.now().plusSeconds(3600));
    String before = create("room_before", Instant.now().plusSeconds(3 * 3600));

    assertThat(viewAs(inside, "x-user-id", PATIENT).getString("accessLinkURL"))
        .startsWith(KaleyraStubs.linkOf("room_inside", PATIENT));
    assertThat(viewAs(before, "x-user-id", PATIENT).getString("accessLinkURL")).isNull();
  }

  @Test
  void callerIsReadFromTheConfiguredHeaderOnly() {
    String id = create("room_header", Instant.now());

    assertThat(viewAs(id, "x-user-id", DOCTOR)).isNotNull();
    assertThat(viewAs(id, "miauserid", DOCTOR)).as("the default header no longer identifies anyone").isNull();
  }

  @Test
  void groupsOfTheDefaultConfigAreUnknownUnderACustomConfig() {
    HttpResponse<Buffer> response = service.post("/teleconsultation", body(Instant.now(), 2, doctor(), patient()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("Unknown group doctor");
  }

  @Test
  void participantsOfABackgroundGroupAlwaysJoinWithTheCompanyBackground() {
    String id = create("room_background", Instant.now());

    assertThat(viewAs(id, "x-user-id", PATIENT).getString("accessLinkURL"))
        .isEqualTo(KaleyraStubs.linkOf("room_background", PATIENT) + "?virtual_background=image");
    HttpResponse<Buffer> explicitlyWithout = service.request(HttpMethod.GET,
        "/teleconsultation/" + id + "?useBackground=false").putHeader("x-user-id", PATIENT).send().await();
    assertThat(explicitlyWithout.bodyAsJsonObject().getString("accessLinkURL")).endsWith("?virtual_background=image");
    assertThat(viewAs(id, "x-user-id", DOCTOR).getString("accessLinkURL"))
        .as("the physician is in no background group").isEqualTo(KaleyraStubs.linkOf("room_background", DOCTOR));
  }
}
