package io.teleconsultation.kaleyra;

import static io.teleconsultation.kaleyra.KaleyraApi.*;

import io.teleconsultation.domain.Role;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kaleyra v2 calls of kaleyra-contract.md, each through the circuit breaker. Requests carry the API key in the
 * {@code apikey} header; nothing here logs or returns the key.
 */
public class KaleyraClient {

  /** A room just created: its id and each participant's join link, by Kaleyra user id. */
  public record CreatedRoom(String roomId, Map<String, String> links) {}

  private final WebClient client;
  private final CircuitBreaker breaker;
  private final String baseUrl;
  private final String apiKey;
  private final long timeoutMs;
  private final Retries retries;

  KaleyraClient(WebClient client, CircuitBreaker breaker, String baseUrl, String apiKey, long timeoutMs, Retries retries) {
    this.client = client;
    this.breaker = breaker;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.retries = retries;
  }

  /** Creates the user; an existing id (409) counts as created, since ids are derived deterministically. */
  public Future<Void> createUser(String id, Role role, String language) {
    JsonObject body = new JsonObject().put(USER_ID, id).put(USER_ROLE, role.wireName());
    if (language != null) {
      body.put(USER_LANGUAGE, language);
    }
    return sendSafely(HttpMethod.POST, USERS, body)
        .compose(response -> response.statusCode() == 409 ? Future.succeededFuture() : expectSuccess("POST /users", response))
        .mapEmpty();
  }

  public Future<Void> updateUserRole(String id, Role role) {
    return sendSafely(HttpMethod.PUT, USER.formatted(id), new JsonObject().put(USER_ROLE, role.wireName()))
        .compose(response -> expectSuccess("PUT /users/{id}", response))
        .mapEmpty();
  }

  /**
   * @param participants each {@code {kaleyraUserId, admin, tools}}
   * @param durationSeconds null for an unlimited room
   */
  public Future<CreatedRoom> createRoom(
      JsonArray participants, Long durationSeconds, String recording, boolean live, String description) {
    JsonArray kaleyraParticipants = new JsonArray();
    for (Object item : participants) {
      JsonObject participant = (JsonObject) item;
      kaleyraParticipants.add(new JsonObject()
          .put(PARTICIPANT_USER_ID, participant.getString("kaleyraUserId"))
          .put(PARTICIPANT_IS_ADMIN, participant.getBoolean("admin"))
          .put(PARTICIPANT_TOOLS, participant.getJsonObject("tools")));
    }
    JsonObject body = new JsonObject()
        .put(ROOM_PARTICIPANTS, kaleyraParticipants)
        .put(ROOM_RECORDING, recording)
        .put(ROOM_CALL_TYPE, CALL_TYPE_AUDIO_VIDEO)
        .put(ROOM_LIVE, live)
        .put(ROOM_DESCRIPTION, description);
    if (durationSeconds != null) {
      body.put(ROOM_DURATION, durationSeconds);
    }
    // Not retried: a lost answer would leave a room we do not know about, and a retry would create a second one.
    return send(HttpMethod.POST, ROOMS, body)
        .compose(response -> expectSuccess("POST /rooms", response))
        .map(KaleyraClient::createdRoom);
  }

  /** The room as Kaleyra reports it, camelCased as our GET returns it in {@code details}. */
  public Future<JsonObject> getRoom(String roomId) {
    return sendSafely(HttpMethod.GET, ROOM.formatted(roomId), null)
        .compose(response -> expectSuccess("GET /rooms/{id}", response))
        .map(KaleyraClient::roomDetails);
  }

  /** Deletes the room; Kaleyra's 404 means it is already gone, which is what we wanted. */
  public Future<Void> deleteRoom(String roomId) {
    return sendSafely(HttpMethod.DELETE, ROOM.formatted(roomId), null)
        .compose(response -> response.statusCode() == 404 ? Future.succeededFuture() : expectSuccess("DELETE /rooms/{id}", response))
        .mapEmpty();
  }

  public Future<JsonObject> getCompany() {
    return sendSafely(HttpMethod.GET, COMPANY, null)
        .compose(response -> expectSuccess("GET /company", response))
        .map(HttpResponse::bodyAsJsonObject);
  }

  /** Sends a request that may safely be repeated, with {@link Retries}. */
  private Future<HttpResponse<Buffer>> sendSafely(HttpMethod method, String path, JsonObject body) {
    return retries.run(() -> send(method, path, body));
  }

  /**
   * Sends one request through the breaker. A 5xx fails inside the breaker (it counts as a Kaleyra failure); any
   * other status comes back for the caller to interpret, so our own bad requests never open the circuit.
   */
  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body) {
    String operation = method.name() + " " + path;
    return breaker.execute(() -> {
      HttpRequest<Buffer> request = client.requestAbs(method, baseUrl + path)
          .putHeader(API_KEY_HEADER, apiKey)
          .putHeader("Accept", "application/json")
          .timeout(timeoutMs);
      Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
      return sent.compose(response -> response.statusCode() >= 500
          ? Future.failedFuture(new KaleyraException(operation, response.statusCode()))
          : Future.succeededFuture(response));
    });
  }

  private static Future<HttpResponse<Buffer>> expectSuccess(String operation, HttpResponse<Buffer> response) {
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
      return Future.succeededFuture(response);
    }
    return Future.failedFuture(new KaleyraException(operation, response.statusCode()));
  }

  static CreatedRoom createdRoom(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject();
    // v1 wrapped the room in {"room": …}; accept both until v2's shape is confirmed (kaleyra-contract.md).
    JsonObject room = body.containsKey("room") ? body.getJsonObject("room") : body;
    Map<String, String> links = new LinkedHashMap<>();
    JsonArray participants = room.getJsonArray(ROOM_PARTICIPANTS);
    if (participants != null) {
      participants.stream().map(JsonObject.class::cast)
          .forEach(p -> links.put(p.getString(PARTICIPANT_USER_ID), p.getString(PARTICIPANT_LINK)));
    }
    JsonArray userUrls = room.getJsonArray(V1_USER_URLS);
    if (userUrls != null) {
      userUrls.stream().map(JsonObject.class::cast)
          .forEach(p -> links.putIfAbsent(p.getString(V1_USER), p.getString(V1_URL)));
    }
    return new CreatedRoom(room.getString(ROOM_ID), links);
  }

  static JsonObject roomDetails(HttpResponse<Buffer> response) {
    JsonObject room = response.bodyAsJsonObject();
    JsonObject details = new JsonObject();
    for (String[] field : ROOM_DETAIL_FIELDS) {
      if (room.containsKey(field[0])) {
        details.put(field[1], room.getValue(field[0]));
      }
    }
    return details;
  }
}
