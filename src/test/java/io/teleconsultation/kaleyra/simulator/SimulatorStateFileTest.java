package io.teleconsultation.kaleyra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleconsultation.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's state outlives a restart when it has a state file: what one simulator handed out, the next one
 * on the same file still knows. And the simulator tells what its join links lead to.
 */
@ExtendWith(VertxExtension.class)
class SimulatorStateFileTest {

  private static final String API_KEY = "simulator-test-key";
  private static final String LINK_BASE_URL = "http://localhost:3000/simulator/join/";

  @TempDir Path dataDir;

  private Vertx vertx;
  private String deployment;
  private KaleyraSimulatorVerticle simulator;
  private WebClient client;

  /** A simulator with a fresh, empty state that keeps it in {@code dataDir}. */
  private void startSimulator(Vertx vertx) {
    this.vertx = vertx;
    simulator = new KaleyraSimulatorVerticle(
        SimulatorOptions.onFreePort(API_KEY, LINK_BASE_URL).keepingStateUnder(dataDir.toString()),
        new SimulatorState(), Clock.systemUTC());
    deployment = vertx.deployVerticle(simulator).await();
    client = WebClient.create(vertx);
  }

  private void restartSimulator() {
    stopSimulator();
    startSimulator(vertx);
  }

  @AfterEach
  void stopSimulator() {
    if (deployment != null) {
      client.close();
      vertx.undeploy(deployment).await();
      deployment = null;
    }
  }

  @Test
  void usersRoomsUploadsCompanyAndBackgroundsAreStillThereAfterARestart(Vertx vertx) {
    startSimulator(vertx);
    assertThat(post("/v2/users", new JsonObject().put("id", "doc").put("role", "plus").put("language", "it"))
        .statusCode()).isEqualTo(201);
    assertThat(post("/v2/users", new JsonObject().put("id", "pat").put("role", "basic")).statusCode()).isEqualTo(201);
    JsonObject created = post("/v2/rooms", new JsonObject().put("description", "Teleconsultation x").put("duration", 600)
        .put("participants", new JsonArray()
            .add(new JsonObject().put("user_id", "doc").put("is_admin", true))
            .add(new JsonObject().put("user_id", "pat").put("tools", new JsonObject().put("chat", true)))))
        .bodyAsJsonObject();
    String roomId = created.getString("room_id");
    JsonObject room = send(client.get(simulator.port(), "127.0.0.1", "/v2/rooms/" + roomId)).bodyAsJsonObject();
    post("/simulator/rooms/" + roomId + "/uploads", new JsonObject().put("name", "report.pdf"));
    String alias = client.post(simulator.port(), "127.0.0.1", "/v2/company/virtual_backgrounds").putHeader("apikey", API_KEY)
        .sendMultipartForm(MultipartForm.create()
            .binaryFileUpload("file", "beach.png", Buffer.buffer(new byte[512]), "image/png"))
        .await().bodyAsJsonObject().getString("background_alias");
    send(client.put(simulator.port(), "127.0.0.1", "/v2/company"),
        new JsonObject().put("name", "Acme Health").put("background_alias", alias));

    restartSimulator();

    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/users/doc")).bodyAsJsonObject().getString("language"))
        .isEqualTo("it");
    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/users/pat")).statusCode()).isEqualTo(200);
    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/rooms/" + roomId)).bodyAsJsonObject()).isEqualTo(room);
    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/rooms/" + roomId + "/uploads")).bodyAsJsonObject()
        .getJsonArray("uploads").getJsonObject(0).getString("name")).isEqualTo("report.pdf");
    JsonObject company = send(client.get(simulator.port(), "127.0.0.1", "/v2/company")).bodyAsJsonObject();
    assertThat(company.getString("name")).isEqualTo("Acme Health");
    // The background is served by the new simulator, on its own port.
    String backgroundUrl = company.getJsonObject("default_background").getString("url");
    assertThat(backgroundUrl).isEqualTo("http://127.0.0.1:" + simulator.port() + "/simulator/backgrounds/" + alias + ".jpg");
    assertThat(client.getAbs(backgroundUrl).send().await().statusCode()).isEqualTo(200);
    // A user created before the restart can be put in a new room.
    assertThat(post("/v2/rooms", new JsonObject().put("participants", new JsonArray()
        .add(new JsonObject().put("user_id", "doc")).add(new JsonObject().put("user_id", "pat")))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void aDeletedRoomStaysDeletedAfterARestart(Vertx vertx) {
    startSimulator(vertx);
    String roomId = createRoom().getString("room_id");
    assertThat(send(client.delete(simulator.port(), "127.0.0.1", "/v2/rooms/" + roomId)).statusCode()).isEqualTo(204);

    restartSimulator();

    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/rooms/" + roomId)).statusCode()).isEqualTo(404);
  }

  @Test
  void theStateFileIsWholeJsonAndNoTemporaryFileIsLeftBehind(Vertx vertx) throws IOException {
    startSimulator(vertx);
    createRoom();

    stopSimulator();

    Path file = dataDir.resolve(SimulatorStateFile.FILE_NAME);
    JsonObject saved = new JsonObject(Files.readString(file));
    assertThat(saved.getInteger("format")).isEqualTo(SimulatorStateJson.FORMAT);
    assertThat(saved.getJsonArray("rooms")).hasSize(1);
    assertThat(saved.encode()).doesNotContain(API_KEY);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SimulatorStateFile.FILE_NAME);
    }
  }

  @Test
  void anUnreadableStateFileIsMovedAsideAndTheSimulatorStartsEmpty(Vertx vertx) throws IOException {
    Files.writeString(dataDir.resolve(SimulatorStateFile.FILE_NAME), "{\"format\": 1, \"rooms\": [{\"roomId\"");

    startSimulator(vertx);

    assertThat(send(client.get(simulator.port(), "127.0.0.1", "/v2/company")).statusCode()).isEqualTo(200);
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith(SimulatorStateFile.FILE_NAME + ".unreadable-"));
    }
    createRoom();
  }

  @Test
  void aJoinLinkIsDescribedOnTheEventBusWithItsRoomRoleToolsAndTheOtherParticipants(Vertx vertx) {
    startSimulator(vertx);
    JsonObject room = createRoom();
    String roomId = room.getString("room_id");
    String patientLink = linkOf(room, "pat");

    JsonObject described = vertx.eventBus().<JsonObject>request(Addresses.KALEYRA_SIMULATOR_LINK,
        new JsonObject().put("code", JoinLinkLookup.codeOf(patientLink))).await().body();

    assertThat(described.getString("roomId")).isEqualTo(roomId);
    assertThat(described.getString("description")).isEqualTo("Teleconsultation t-1");
    assertThat(described.getJsonObject("participant").getString("kaleyraUserId")).isEqualTo("pat");
    assertThat(described.getJsonObject("participant").getString("role")).isEqualTo("basic");
    assertThat(described.getJsonObject("participant").getBoolean("admin")).isFalse();
    assertThat(described.getJsonObject("participant").getJsonObject("tools").getBoolean("chat")).isTrue();
    assertThat(described.getJsonObject("participant").getJsonObject("tools").getBoolean("whiteboard")).isFalse();
    assertThat(described.getJsonArray("others")).containsExactly(
        new JsonObject().put("kaleyraUserId", "doc").put("role", "plus").put("admin", true));
  }

  @Test
  void anUnknownJoinLinkAnswers404OnTheEventBus(Vertx vertx) {
    startSimulator(vertx);

    assertThatThrownBy(() -> vertx.eventBus()
            .request(Addresses.KALEYRA_SIMULATOR_LINK, new JsonObject().put("code", "nope")).await())
        .isInstanceOfSatisfying(ReplyException.class, failure -> assertThat(failure.failureCode()).isEqualTo(404));
  }

  // ---- helpers

  /** A room of a plus user "doc" (admin, every tool) and a basic user "pat" (chat only); the creation answer. */
  private JsonObject createRoom() {
    post("/v2/users", new JsonObject().put("id", "doc").put("role", "plus"));
    post("/v2/users", new JsonObject().put("id", "pat").put("role", "basic"));
    HttpResponse<Buffer> created = post("/v2/rooms", new JsonObject().put("description", "Teleconsultation t-1")
        .put("participants", new JsonArray()
            .add(new JsonObject().put("user_id", "doc").put("is_admin", true))
            .add(new JsonObject().put("user_id", "pat").put("tools", new JsonObject().put("chat", true)))));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static String linkOf(JsonObject createdRoom, String userId) {
    return createdRoom.getJsonArray("participants").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("user_id").equals(userId)).findFirst().orElseThrow().getString("link");
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(client.post(simulator.port(), "127.0.0.1", path), body);
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.putHeader("apikey", API_KEY).send().await();
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return request.putHeader("apikey", API_KEY).sendJsonObject(body).await();
  }
}
