package io.teleconsultation.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kaleyra as the benchmark needs it: the calls of kaleyra-contract.md that creating and reading a teleconsultation
 * make, each answered after the same fixed delay, so that the service's figures show what it adds on top of
 * Kaleyra. Stateless: any room id exists. {@code GET /-/stats} (no delay) counts the calls by operation.
 *
 * <p>{@code java -cp teleconsultation-bench.jar io.teleconsultation.bench.FakeKaleyra <port> <delayMs> <apiKey>}
 */
public final class FakeKaleyra extends VerticleBase {

  private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

  private final int port;
  private final long delayMs;
  private final String apiKey;

  FakeKaleyra(int port, long delayMs, String apiKey) {
    this.port = port;
    this.delayMs = delayMs;
    this.apiKey = apiKey;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    long delayMs = Long.parseLong(args[1]);
    String apiKey = args[2];
    Vertx vertx = Vertx.vertx();
    // Two event loops, so that the fake is never the bottleneck of the service's POST.
    vertx.deployVerticle(() -> new FakeKaleyra(port, delayMs, apiKey), new DeploymentOptions().setInstances(2))
        .onSuccess(id -> System.out.println("FAKE KALEYRA READY on 127.0.0.1:" + port + ", delay " + delayMs + " ms"))
        .onFailure(err -> {
          err.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/-/stats")) {
      JsonObject stats = new JsonObject();
      new TreeMap<>(CALLS).forEach((operation, count) -> stats.put(operation, count.sum()));
      request.response().putHeader("Content-Type", "application/json").end(stats.encode());
      return;
    }
    request.body().onSuccess(body -> {
      if (!apiKey.equals(request.getHeader("apikey"))) {
        respond(request, 401, new JsonObject().put("error", "bad api key"));
        return;
      }
      HttpMethod method = request.method();
      String[] parts = path.split("/");
      // parts: "", "v2", resource, id?
      String resource = parts.length > 2 && parts[1].equals("v2") ? parts[2] : "";
      String id = parts.length > 3 ? parts[3] : null;
      if (resource.equals("users") && method == HttpMethod.POST && id == null) {
        count("POST /users");
        JsonObject user = body.toJsonObject();
        respondLater(request, 201, new JsonObject().put("id", user.getString("id")).put("role", user.getString("role"))
            .put("language", user.getString("language", "en")).put("allow_camera", true));
      } else if (resource.equals("users") && id != null && (method == HttpMethod.GET || method == HttpMethod.PUT)) {
        count(method + " /users/{id}");
        respondLater(request, 200, new JsonObject().put("id", id).put("role", "plus").put("allow_camera", true));
      } else if (resource.equals("rooms") && method == HttpMethod.POST && id == null) {
        count("POST /rooms");
        respondLater(request, 201, createdRoom(body));
      } else if (resource.equals("rooms") && id != null && parts.length == 4 && method == HttpMethod.GET) {
        count("GET /rooms/{id}");
        respondLater(request, 200, room(id));
      } else if (resource.equals("rooms") && id != null && parts.length == 4 && method == HttpMethod.DELETE) {
        count("DELETE /rooms/{id}");
        respondLater(request, 204, null);
      } else if (resource.equals("company") && parts.length == 3 && method == HttpMethod.GET) {
        count("GET /company");
        respondLater(request, 200, new JsonObject().put("name", "Bench Company").put("default_language", "en")
            .putNull("default_background").put("end_call_redirect_url", "").put("end_call_redirect_timeout_ms", 5000)
            .put("user_details_provider_url", ""));
      } else {
        count("other");
        respondLater(request, 404, new JsonObject().put("error", "not simulated: " + method + " " + path));
      }
    });
  }

  private static JsonObject createdRoom(Buffer body) {
    String roomId = "room_" + UUID.randomUUID().toString().replace("-", "");
    JsonArray participants = new JsonArray();
    for (Object item : body.toJsonObject().getJsonArray("participants")) {
      JsonObject participant = (JsonObject) item;
      participants.add(new JsonObject()
          .put("user_id", participant.getString("user_id"))
          .put("is_admin", participant.getBoolean("is_admin"))
          .put("link", "https://fake-kaleyra.invalid/eu/direct-rest-call-handler/"
              + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
    }
    return new JsonObject().put("room_id", roomId).put("participants", participants);
  }

  private static JsonObject room(String roomId) {
    return new JsonObject()
        .put("room_id", roomId)
        .put("recording", "none")
        .put("recording_status", "stopped")
        .put("call_type", "audio_video")
        .put("description", "Teleconsultation bench")
        .put("status", "NOT_RUNNING")
        .put("disabled", false)
        .put("creation_date", Instant.now().toString())
        .put("duration", 0)
        .put("duration_used", 0)
        .put("live", true);
  }

  private static void count(String operation) {
    CALLS.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  private void respondLater(HttpServerRequest request, int status, JsonObject body) {
    if (delayMs < 1) {
      respond(request, status, body);
    } else {
      vertx.setTimer(delayMs, timer -> respond(request, status, body));
    }
  }

  private static void respond(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status);
    if (body == null) {
      request.response().end();
    } else {
      request.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
