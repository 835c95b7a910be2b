package io.teleconsultation.kaleyra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.kaleyra.simulator.SimulatorState.Participant;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class KaleyraSimulatorVerticleTest {

  private static final String API_KEY = "simulator-test-key";
  private static final String LINK_BASE_URL = "http://localhost:3000/simulator/join/";
  private static final Instant NOW = Instant.parse("2023-12-22T13:36:48.164Z");

  private SimulatorState state;
  private KaleyraSimulatorVerticle simulator;
  private WebClient client;

  @BeforeEach
  void startSimulator(Vertx vertx) {
    state = new SimulatorState();
    simulator = new KaleyraSimulatorVerticle(SimulatorOptions.onFreePort(API_KEY, LINK_BASE_URL), state,
        Clock.fixed(NOW, ZoneOffset.UTC));
    vertx.deployVerticle(simulator).await();
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(simulator.port()));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  // ---- start-up and transport

  @Test
  void baseUrlPointsAtTheListeningPortUnderV2() {
    assertThat(simulator.port()).isPositive();
    assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v2");
  }

  @Test
  void requestWithoutApiKeyIsRefusedWith401() {
    HttpResponse<Buffer> response = client.get("/v2/company").send().await();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid apikey"));
  }

  @Test
  void requestWithWrongApiKeyIsRefusedWith401AndChangesNothing() {
    HttpResponse<Buffer> response = client.post("/v2/users").putHeader("apikey", "wrong")
        .sendJsonObject(user("u1", "plus")).await();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(state.user("u1")).isEmpty();
  }

  @Test
  void simulatorOnlyUploadRouteAlsoRequiresTheApiKey() {
    String roomId = createRoom("doctor", "patient");

    HttpResponse<Buffer> response = client.post("/simulator/rooms/" + roomId + "/uploads")
        .sendJsonObject(new JsonObject().put("name", "x.pdf")).await();

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void optionsNeverShowTheApiKey() {
    assertThat(SimulatorOptions.onFreePort(API_KEY, LINK_BASE_URL).toString()).doesNotContain(API_KEY);
  }

  @Test
  void unknownPathAnswers404AsJson() {
    HttpResponse<Buffer> response = send(client.get("/v2/nothing-here"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void bodyThatIsNotJsonIsRefusedWith400() {
    HttpResponse<Buffer> response = client.post("/v2/users").putHeader("apikey", API_KEY)
        .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer("{not json")).await();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("JSON object");
  }

  // ---- users

  @Test
  void createdUserIsAnsweredWithCameraAllowedAndCanBeRead() {
    HttpResponse<Buffer> created = post("/v2/users", user("dr.rossi_1", "plus").put("language", "it"));
    HttpResponse<Buffer> read = send(client.get("/v2/users/dr.rossi_1"));

    JsonObject expected = new JsonObject()
        .put("id", "dr.rossi_1").put("role", "plus").put("language", "it").put("allow_camera", true);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject()).isEqualTo(expected);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject()).isEqualTo(expected);
  }

  @Test
  void userWithoutLanguageGetsTheCompanyDefaultLanguage() {
    HttpResponse<Buffer> created = post("/v2/users", user("u1", "basic"));

    assertThat(created.bodyAsJsonObject().getString("language")).isEqualTo("en");
  }

  @Test
  void duplicateUserIdAnswers409() {
    post("/v2/users", user("u1", "plus"));

    HttpResponse<Buffer> again = post("/v2/users", user("u1", "basic"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(state.user("u1")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo("plus"));
  }

  @Test
  void userIdWithCharactersKaleyraRefusesIsRefusedWith400() {
    assertThat(post("/v2/users", user("auth0|abc", "plus")).statusCode()).isEqualTo(400);
    assertThat(post("/v2/users", user("x".repeat(129), "plus")).statusCode()).isEqualTo(400);
    assertThat(post("/v2/users", user("", "plus")).statusCode()).isEqualTo(400);
    assertThat(post("/v2/users", user("x".repeat(128), "plus")).statusCode()).isEqualTo(201);
  }

  @Test
  void userWithoutIdIsRefusedWith400() {
    assertThat(post("/v2/users", new JsonObject().put("role", "plus")).statusCode()).isEqualTo(400);
  }

  @Test
  void unknownRoleIsRefusedWith400() {
    HttpResponse<Buffer> response = post("/v2/users", user("u1", "admin"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("role");
  }

  @Test
  void unknownUserAnswers404() {
    assertThat(send(client.get("/v2/users/nobody")).statusCode()).isEqualTo(404);
  }

  @Test
  void basicUserCanBePromotedToPlus() {
    post("/v2/users", user("u1", "basic"));

    HttpResponse<Buffer> updated = send(client.put("/v2/users/u1"), new JsonObject().put("role", "plus"));

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("role")).isEqualTo("plus");
    assertThat(send(client.get("/v2/users/u1")).bodyAsJsonObject().getString("role")).isEqualTo("plus");
  }

  @Test
  void updatingUnknownUserAnswers404AndInvalidRoleAnswers400() {
    post("/v2/users", user("u1", "basic"));

    assertThat(send(client.put("/v2/users/nobody"), new JsonObject().put("role", "plus")).statusCode())
        .isEqualTo(404);
    assertThat(send(client.put("/v2/users/u1"), new JsonObject().put("role", "owner")).statusCode())
        .isEqualTo(400);
  }

  // ---- rooms

  @Test
  void createdRoomGivesEachParticipantAJoinLink() {
    post("/v2/users", user("doctor", "plus"));
    post("/v2/users", user("patient", "basic"));

    HttpResponse<Buffer> response = post("/v2/rooms", new JsonObject().put("participants", new JsonArray()
        .add(participant("patient", false))
        .add(participant("doctor", true))));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject room = response.bodyAsJsonObject();
    assertThat(room.getString("room_id")).matches("room_[0-9a-f]+");
    JsonArray participants = room.getJsonArray("participants");
    assertThat(participants).hasSize(2);
    JsonObject first = participants.getJsonObject(0);
    JsonObject second = participants.getJsonObject(1);
    assertThat(first.getString("user_id")).isEqualTo("patient");
    assertThat(first.getBoolean("is_admin")).isFalse();
    assertThat(second.getString("user_id")).isEqualTo("doctor");
    assertThat(second.getBoolean("is_admin")).isTrue();
    assertThat(first.getString("link")).startsWith(LINK_BASE_URL).hasSizeGreaterThan(LINK_BASE_URL.length());
    assertThat(second.getString("link")).startsWith(LINK_BASE_URL).isNotEqualTo(first.getString("link"));
  }

  @Test
  void createdRoomHasKaleyraDefaults() {
    String roomId = createRoom("doctor", "patient");

    HttpResponse<Buffer> response = send(client.get("/v2/rooms/" + roomId));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("room_id", roomId)
        .put("recording", "none")
        .put("recording_status", "stopped")
        .put("call_type", "audio_video")
        .putNull("description")
        .put("status", "NOT_RUNNING")
        .put("disabled", false)
        .put("creation_date", "2023-12-22T13:36:48.164Z")
        .putNull("duration")
        .put("duration_used", 0)
        .put("live", false));
  }

  @Test
  void createdRoomKeepsTheRequestedSettings() {
    createUsers("doctor", "patient");
    JsonObject request = twoParticipants("doctor", "patient")
        .put("duration", 3600).put("recording", "manual").put("call_type", "audio_only")
        .put("live", true).put("description", "Teleconsultation 2f1c");

    String roomId = post("/v2/rooms", request).bodyAsJsonObject().getString("room_id");
    JsonObject room = send(client.get("/v2/rooms/" + roomId)).bodyAsJsonObject();

    assertThat(room.getInteger("duration")).isEqualTo(3600);
    assertThat(room.getString("recording")).isEqualTo("manual");
    assertThat(room.getString("call_type")).isEqualTo("audio_only");
    assertThat(room.getBoolean("live")).isTrue();
    assertThat(room.getString("description")).isEqualTo("Teleconsultation 2f1c");
  }

  @Test
  void participantWithoutToolsGetsEveryToolAndEmptyToolsGetsNone() {
    createUsers("doctor", "patient", "nurse");
    JsonObject request = new JsonObject().put("participants", new JsonArray()
        .add(participant("doctor", true))
        .add(participant("patient", false).put("tools", new JsonObject()))
        .add(participant("nurse", false).put("tools", new JsonObject().put("chat", true))));

    String roomId = post("/v2/rooms", request).bodyAsJsonObject().getString("room_id");

    List<Participant> stored = state.room(roomId).orElseThrow().participants();
    assertThat(stored.get(0).tools()).hasSize(8).containsOnlyKeys(SimulatorJson.TOOL_NAMES)
        .allSatisfy((tool, on) -> assertThat(on).isTrue());
    assertThat(stored.get(1).tools()).hasSize(8).allSatisfy((tool, on) -> assertThat(on).isFalse());
    assertThat(stored.get(2).tools()).containsEntry("chat", true).containsEntry("whiteboard", false);
  }

  @Test
  void roomWithoutPlusUserIsRefused() {
    post("/v2/users", user("patient1", "basic"));
    post("/v2/users", user("patient2", "basic"));

    HttpResponse<Buffer> response = post("/v2/rooms", twoParticipants("patient1", "patient2"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("plus");
    assertThat(state.rooms()).isEmpty();
  }

  @Test
  void roomWithUnknownUserIsRefusedNamingTheUser() {
    post("/v2/users", user("doctor", "plus"));

    HttpResponse<Buffer> response = post("/v2/rooms", twoParticipants("doctor", "ghost"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("ghost");
  }

  @Test
  void roomWithFewerThanTwoOrMoreThan25ParticipantsIsRefused() {
    List<String> ids = IntStream.rangeClosed(1, 26).mapToObj(i -> "u" + i).toList();
    post("/v2/users", user("u1", "plus"));
    ids.stream().skip(1).forEach(id -> post("/v2/users", user(id, "basic")));

    HttpResponse<Buffer> alone = post("/v2/rooms", participants(ids.subList(0, 1)));
    HttpResponse<Buffer> crowd = post("/v2/rooms", participants(ids));
    HttpResponse<Buffer> full = post("/v2/rooms", participants(ids.subList(0, 25)));

    assertThat(alone.statusCode()).isEqualTo(400);
    assertThat(crowd.statusCode()).isEqualTo(400);
    assertThat(full.statusCode()).isEqualTo(201);
  }

  @Test
  void roomWithTheSameUserTwiceIsRefused() {
    createUsers("doctor", "patient");

    HttpResponse<Buffer> response = post("/v2/rooms", twoParticipants("doctor", "doctor"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("duplicate");
  }

  @Test
  void roomShorterThanOneMinuteIsRefused() {
    createUsers("doctor", "patient");

    assertThat(post("/v2/rooms", twoParticipants("doctor", "patient").put("duration", 59)).statusCode())
        .isEqualTo(400);
    assertThat(post("/v2/rooms", twoParticipants("doctor", "patient").put("duration", 60)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void roomWithUnknownRecordingModeOrCallTypeIsRefused() {
    createUsers("doctor", "patient");

    assertThat(post("/v2/rooms", twoParticipants("doctor", "patient").put("recording", "always")).statusCode())
        .isEqualTo(400);
    assertThat(post("/v2/rooms", twoParticipants("doctor", "patient").put("call_type", "video")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void roomWithUnknownToolIsRefused() {
    createUsers("doctor", "patient");
    JsonObject request = new JsonObject().put("participants", new JsonArray()
        .add(participant("doctor", true).put("tools", new JsonObject().put("teleport", true)))
        .add(participant("patient", false)));

    HttpResponse<Buffer> response = post("/v2/rooms", request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("teleport");
  }

  @Test
  void deletedRoomAnswers404() {
    String roomId = createRoom("doctor", "patient");

    HttpResponse<Buffer> deleted = send(client.delete("/v2/rooms/" + roomId));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(send(client.get("/v2/rooms/" + roomId)).statusCode()).isEqualTo(404);
    assertThat(send(client.delete("/v2/rooms/" + roomId)).statusCode()).isEqualTo(404);
    assertThat(send(client.get("/v2/rooms/" + roomId + "/uploads")).statusCode()).isEqualTo(404);
  }

  // ---- uploads

  @Test
  void newRoomHasNoUploads() {
    String roomId = createRoom("doctor", "patient");

    HttpResponse<Buffer> response = send(client.get("/v2/rooms/" + roomId + "/uploads"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("uploads", new JsonArray()));
  }

  @Test
  void simulatedUploadIsListedAndCanBeDeletedOnce() {
    String roomId = createRoom("doctor", "patient");

    HttpResponse<Buffer> created = post("/simulator/rooms/" + roomId + "/uploads",
        new JsonObject().put("name", "report.pdf"));
    String uploadId = created.bodyAsJsonObject().getString("id");
    JsonArray listed = send(client.get("/v2/rooms/" + roomId + "/uploads")).bodyAsJsonObject()
        .getJsonArray("uploads");
    HttpResponse<Buffer> deleted = send(client.delete("/v2/rooms/" + roomId + "/uploads/" + uploadId));
    HttpResponse<Buffer> deletedAgain = send(client.delete("/v2/rooms/" + roomId + "/uploads/" + uploadId));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(listed).containsExactly(new JsonObject()
        .put("id", uploadId).put("name", "report.pdf").put("creation_date", "2023-12-22T13:36:48.164Z"));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deletedAgain.statusCode()).isEqualTo(404);
    assertThat(send(client.get("/v2/rooms/" + roomId + "/uploads")).bodyAsJsonObject()
        .getJsonArray("uploads")).isEmpty();
  }

  @Test
  void uploadsOfUnknownRoomAnswer404() {
    assertThat(send(client.get("/v2/rooms/room_nope/uploads")).statusCode()).isEqualTo(404);
    assertThat(send(client.delete("/v2/rooms/room_nope/uploads/upload_1")).statusCode()).isEqualTo(404);
    assertThat(post("/simulator/rooms/room_nope/uploads", new JsonObject().put("name", "x.pdf")).statusCode())
        .isEqualTo(404);
  }

  // ---- SDK credentials

  @Test
  void credentialsAreAnUnsignedJwtForTheUser() {
    post("/v2/users", user("patient", "basic"));

    HttpResponse<Buffer> response = post("/v2/sdk/credentials",
        new JsonObject().put("user_id", "patient").put("expires_in", 3600));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("user_id")).isEqualTo("patient");
    assertThat(body.getString("expires_at")).isEqualTo("2023-12-22T14:36:48.164Z");
    String token = body.getString("access_token");
    assertThat(token).endsWith(".");
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[2]).isEmpty();
    assertThat(decode(parts[0])).isEqualTo(new JsonObject().put("alg", "none").put("typ", "JWT"));
    assertThat(decode(parts[1])).isEqualTo(new JsonObject()
        .put("user", "patient")
        .put("companyId", "simulated")
        .put("iat", NOW.getEpochSecond())
        .put("exp", NOW.getEpochSecond() + 3600)
        .put("iss", "kaleyra-simulator")
        .put("sub", "patient"));
  }

  @Test
  void credentialsOutOfRangeAreRefused() {
    post("/v2/users", user("patient", "basic"));

    for (int expiresIn : new int[] {359, 86_401}) {
      HttpResponse<Buffer> response = post("/v2/sdk/credentials",
          new JsonObject().put("user_id", "patient").put("expires_in", expiresIn));
      assertThat(response.statusCode()).as("expires_in %d", expiresIn).isEqualTo(400);
    }
    for (int expiresIn : new int[] {360, 86_400}) {
      HttpResponse<Buffer> response = post("/v2/sdk/credentials",
          new JsonObject().put("user_id", "patient").put("expires_in", expiresIn));
      assertThat(response.statusCode()).as("expires_in %d", expiresIn).isEqualTo(201);
    }
  }

  @Test
  void credentialsForUnknownUserAnswer404() {
    HttpResponse<Buffer> response = post("/v2/sdk/credentials",
        new JsonObject().put("user_id", "ghost").put("expires_in", 3600));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  // ---- company

  @Test
  void companyStartsAsSimulatedCompanyWithoutBackground() {
    HttpResponse<Buffer> response = send(client.get("/v2/company"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("name", "Simulated Company")
        .put("default_language", "en")
        .putNull("default_background")
        .put("end_call_redirect_url", "")
        .put("end_call_redirect_timeout_ms", 5000)
        .put("user_details_provider_url", ""));
  }

  @Test
  void companyIsPartiallyUpdated() {
    HttpResponse<Buffer> response = send(client.put("/v2/company"), new JsonObject()
        .put("name", "Acme Health").put("default_language", "it")
        .put("end_call_redirect_url", "https://acme.example/bye"));

    JsonObject company = send(client.get("/v2/company")).bodyAsJsonObject();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(company);
    assertThat(company.getString("name")).isEqualTo("Acme Health");
    assertThat(company.getString("default_language")).isEqualTo("it");
    assertThat(company.getString("end_call_redirect_url")).isEqualTo("https://acme.example/bye");
    assertThat(company.getInteger("end_call_redirect_timeout_ms")).isEqualTo(5000);
  }

  @Test
  void companyUpdateWithUnknownOrInvalidFieldIsRefusedAndChangesNothing() {
    JsonObject before = send(client.get("/v2/company")).bodyAsJsonObject();

    HttpResponse<Buffer> unknown = send(client.put("/v2/company"),
        new JsonObject().put("name", "Acme Health").put("colour", "blue"));
    HttpResponse<Buffer> invalid = send(client.put("/v2/company"),
        new JsonObject().put("name", "Acme Health").put("end_call_redirect_timeout_ms", -1));

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("error")).contains("colour");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(send(client.get("/v2/company")).bodyAsJsonObject()).isEqualTo(before);
  }

  @Test
  void companyBackgroundCanBeUploadedThenMadeDefault() {
    HttpResponse<Buffer> uploaded = uploadBackground(Buffer.buffer(new byte[2048]), "image/jpeg");

    assertThat(uploaded.statusCode()).isEqualTo(201);
    JsonObject background = uploaded.bodyAsJsonObject();
    String alias = background.getString("background_alias");
    assertThat(alias).matches("[0-9a-f]{32}");
    assertThat(background.getString("url"))
        .isEqualTo("http://127.0.0.1:" + simulator.port() + "/simulator/backgrounds/" + alias + ".jpg");
    assertThat(background.getString("creation_date")).isEqualTo("2023-12-22T13:36:48.164Z");

    HttpResponse<Buffer> updated = send(client.put("/v2/company"), new JsonObject().put("background_alias", alias));

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getJsonObject("default_background")).isEqualTo(new JsonObject()
        .put("alias", alias)
        .put("url", background.getString("url"))
        .put("creation_date", "2023-12-22T13:36:48.164Z"));
    HttpResponse<Buffer> image = client.getAbs(background.getString("url")).send().await();
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("content-type")).isEqualTo("image/jpeg");
  }

  @Test
  void unknownBackgroundAliasAnswers404AndKeepsTheDefault() {
    HttpResponse<Buffer> response = send(client.put("/v2/company"),
        new JsonObject().put("background_alias", "0".repeat(32)).put("name", "Acme Health"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(send(client.get("/v2/company")).bodyAsJsonObject().getString("name"))
        .isEqualTo("Simulated Company");
  }

  @Test
  void backgroundUploadWithoutFilePartIsRefused() {
    HttpResponse<Buffer> response = client.post("/v2/company/virtual_backgrounds").putHeader("apikey", API_KEY)
        .sendMultipartForm(MultipartForm.create().attribute("name", "beach")).await();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("file");
  }

  @Test
  void backgroundThatIsNotJpegOrPngIsRefused() {
    HttpResponse<Buffer> response = uploadBackground(Buffer.buffer("GIF89a"), "image/gif");

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void backgroundLargerThan16MegabytesIsRefusedWith413() {
    HttpResponse<Buffer> response = uploadBackground(Buffer.buffer(new byte[16 * 1024 * 1024 + 1]), "image/png");

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void requestFarOverTheUploadLimitIsRefusedWith413AndLeavesNoTemporaryFile() throws IOException {
    Set<Path> before = temporaryUploads();

    HttpResponse<Buffer> response = uploadBackgroundInOneWrite(Buffer.buffer(new byte[24 * 1024 * 1024]));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
    assertThat(temporaryUploads()).isSubsetOf(before);
  }

  @Test
  void uploadedBackgroundLeavesNoTemporaryFile() throws IOException {
    Set<Path> before = temporaryUploads();

    uploadBackground(Buffer.buffer(new byte[4096]), "image/png");

    assertThat(temporaryUploads()).isSubsetOf(before);
  }

  // ---- helpers

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(client.post(path), body);
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.putHeader("apikey", API_KEY).send().await();
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return request.putHeader("apikey", API_KEY).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> uploadBackground(Buffer image, String mediaType) {
    return client.post("/v2/company/virtual_backgrounds").putHeader("apikey", API_KEY)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "background", image, mediaType))
        .await();
  }

  /**
   * The same multipart request, written as one buffer: the simulator answers 413 before the body has
   * been read, and WebClient's streaming multipart upload logs noisy warnings when cut short.
   */
  private HttpResponse<Buffer> uploadBackgroundInOneWrite(Buffer image) {
    String boundary = "simulator-test-boundary";
    Buffer body = Buffer.buffer()
        .appendString("--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"background.png\"\r\n"
            + "Content-Type: image/png\r\n\r\n")
        .appendBuffer(image)
        .appendString("\r\n--" + boundary + "--\r\n");
    return client.post("/v2/company/virtual_backgrounds").putHeader("apikey", API_KEY)
        .putHeader("content-type", "multipart/form-data; boundary=" + boundary)
        .sendBuffer(body).await();
  }

  private static JsonObject user(String id, String role) {
    return new JsonObject().put("id", id).put("role", role);
  }

  private static JsonObject participant(String userId, boolean isAdmin) {
    return new JsonObject().put("user_id", userId).put("is_admin", isAdmin);
  }

  private static JsonObject twoParticipants(String admin, String other) {
    return new JsonObject().put("participants", new JsonArray()
        .add(participant(admin, true))
        .add(participant(other, false)));
  }

  private static JsonObject participants(List<String> userIds) {
    JsonArray list = new JsonArray();
    userIds.forEach(id -> list.add(participant(id, false)));
    return new JsonObject().put("participants", list);
  }

  /** Creates the first id as a plus user and the others as basic users. */
  private void createUsers(String plusUser, String... basicUsers) {
    assertThat(post("/v2/users", user(plusUser, "plus")).statusCode()).isEqualTo(201);
    for (String id : basicUsers) {
      assertThat(post("/v2/users", user(id, "basic")).statusCode()).isEqualTo(201);
    }
  }

  private String createRoom(String plusUser, String basicUser) {
    createUsers(plusUser, basicUser);
    HttpResponse<Buffer> response = post("/v2/rooms", twoParticipants(plusUser, basicUser));
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("room_id");
  }

  private static JsonObject decode(String base64url) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
  }

  private static Set<Path> temporaryUploads() throws IOException {
    Path directory = Path.of(KaleyraSimulatorVerticle.UPLOADS_DIRECTORY);
    if (!Files.isDirectory(directory)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.collect(Collectors.toSet());
    }
  }
}
