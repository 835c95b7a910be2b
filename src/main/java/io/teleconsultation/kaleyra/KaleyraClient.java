package io.teleconsultation.kaleyra;

import static io.teleconsultation.kaleyra.KaleyraApi.*;

import io.teleconsultation.domain.Role;
import io.micrometer.core.instrument.Timer;
import io.teleconsultation.observability.Metrics;
import io.teleconsultation.observability.RequestContext;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Kaleyra v2 calls of docs/kaleyra.md, each through the circuit breaker. Requests carry the API key in the
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

  /**
   * Creates the user; an existing id (409) counts as created, since ids are derived deterministically. An existing
   * user may have been created basic (by an earlier request for the same person as a patient): a plus request
   * then promotes it, so that rooms where it is the only plus user are accepted.
   */
  public Future<Void> createUser(String id, Role role, String language) {
    JsonObject body = new JsonObject().put(USER_ID, id).put(USER_ROLE, role.wireName());
    if (language != null) {
      body.put(USER_LANGUAGE, language);
    }
    return sendSafely(HttpMethod.POST, USERS, body)
        .compose(response -> {
          if (response.statusCode() == 409) {
            return role == Role.PLUS ? updateUserRole(id, Role.PLUS) : Future.succeededFuture();
          }
          return expectSuccess("POST /users", response).mapEmpty();
        })
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

  /** Sets the company default background; the company as Kaleyra returns it, untouched. */
  public Future<JsonObject> updateCompanyBackground(String backgroundAlias) {
    String operation = "PUT /company";
    return sendSafely(HttpMethod.PUT, COMPANY, new JsonObject().put(COMPANY_BACKGROUND_ALIAS, backgroundAlias))
        .compose(response -> expectSuccess(operation, response))
        .map(response -> jsonObject(operation, response));
  }

  /**
   * Uploads an image as a company virtual background, streaming it from {@code path} (it is never read into memory
   * as a whole). @return {@code {backgroundAlias, url, creationDate}}
   */
  public Future<JsonObject> uploadBackground(String path, String fileName, String mediaType) {
    String operation = "POST " + VIRTUAL_BACKGROUNDS;
    MultipartForm form = MultipartForm.create().binaryFileUpload(BACKGROUND_FILE_PART, fileName, path, mediaType);
    return sendWith(HttpMethod.POST, VIRTUAL_BACKGROUNDS, request -> request.sendMultipartForm(form))
        .compose(response -> expectSuccess(operation, response))
        .map(response -> {
          JsonObject background = jsonObject(operation, response);
          return new JsonObject()
              .put("backgroundAlias", required(operation, response, background, BACKGROUND_ALIAS))
              .put("url", required(operation, response, background, BACKGROUND_URL))
              .put("creationDate", required(operation, response, background, BACKGROUND_CREATION_DATE));
        });
  }

  /**
   * An access token for the Kaleyra SDKs. The reply holds a secret: it is passed on, never logged.
   * @return {@code {accessToken, expiresAt, kaleyraUserId}}
   */
  public Future<JsonObject> createCredentials(String userId, int expiresInSeconds) {
    String operation = "POST " + SDK_CREDENTIALS;
    JsonObject body = new JsonObject().put(CREDENTIALS_USER_ID, userId).put(CREDENTIALS_EXPIRES_IN, expiresInSeconds);
    return send(HttpMethod.POST, SDK_CREDENTIALS, body)
        .compose(response -> expectSuccess(operation, response))
        .map(response -> {
          JsonObject credentials = jsonObject(operation, response);
          String kaleyraUserId = credentials.getValue(CREDENTIALS_USER_ID) instanceof String id ? id : userId;
          return new JsonObject()
              .put("accessToken", required(operation, response, credentials, ACCESS_TOKEN))
              .put("expiresAt", required(operation, response, credentials, EXPIRES_AT))
              .put("kaleyraUserId", kaleyraUserId);
        });
  }

  /**
   * The files uploaded to the room during calls, each {@code {id, name, creationDate}}. Kaleyra's v2 lists are
   * paginated (docs/kaleyra.md, "Lists"): pages of {@link #PAGE_SIZE} are read until a shorter one, at most
   * {@link #MAX_PAGES}, and a page that brings nothing new ends the reading (a Kaleyra ignoring the paging).
   */
  public Future<List<JsonObject>> listUploads(String roomId) {
    return uploadsFrom(roomId, 0, new LinkedHashMap<>());
  }

  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 100;

  private Future<List<JsonObject>> uploadsFrom(String roomId, int page, Map<String, JsonObject> collected) {
    String operation = "GET /rooms/{id}/uploads";
    String path = ROOM_UPLOADS.formatted(roomId) + "?" + PAGE_OFFSET + "=" + page * PAGE_SIZE + "&" + PAGE_LIMIT + "=" + PAGE_SIZE;
    return sendSafely(HttpMethod.GET, path, null)
        .compose(response -> expectSuccess(operation, response))
        .compose(response -> {
          Object uploads = jsonObject(operation, response).getValue(UPLOADS);
          if (!(uploads instanceof JsonArray list) || !list.stream().allMatch(JsonObject.class::isInstance)) {
            throw KaleyraException.unreadable(operation, response.statusCode());
          }
          int before = collected.size();
          list.stream().map(JsonObject.class::cast)
              .map(upload -> new JsonObject()
                  .put("id", String.valueOf(upload.getValue(UPLOAD_ID)))
                  .put("name", upload.getString(UPLOAD_NAME))
                  .put("creationDate", upload.getString(UPLOAD_CREATION_DATE)))
              .forEach(upload -> collected.putIfAbsent(upload.getString("id"), upload));
          boolean last = list.size() < PAGE_SIZE || collected.size() == before || page + 1 >= MAX_PAGES;
          return last
              ? Future.succeededFuture(List.copyOf(collected.values()))
              : uploadsFrom(roomId, page + 1, collected);
        });
  }

  /** Deletes one uploaded file; Kaleyra's 404 means it is already gone, which is what we wanted. */
  public Future<Void> deleteUpload(String roomId, String uploadId) {
    return sendSafely(HttpMethod.DELETE, ROOM_UPLOAD.formatted(roomId, uploadId), null)
        .compose(response -> response.statusCode() == 404
            ? Future.succeededFuture()
            : expectSuccess("DELETE /rooms/{id}/uploads/{upload_id}", response))
        .mapEmpty();
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body) {
    return sendWith(method, path, request -> body == null ? request.send() : request.sendJsonObject(body));
  }

  /**
   * Sends one request through the breaker. A 5xx fails inside the breaker (it counts as a Kaleyra failure); any
   * other status comes back for the caller to interpret, so our own bad requests never open the circuit.
   */
  private Future<HttpResponse<Buffer>> sendWith(
      HttpMethod method, String path, Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
    String operation = method.name() + " " + path;
    String requestId = RequestContext.requestId();
    Timer.Sample sample = Timer.start(Metrics.registry());
    return breaker.<HttpResponse<Buffer>>execute(() -> {
      HttpRequest<Buffer> request = client.requestAbs(method, baseUrl + path)
          .putHeader(API_KEY_HEADER, apiKey)
          .putHeader("Accept", "application/json")
          .timeout(timeoutMs);
      if (requestId != null) {
        request.putHeader(RequestContext.REQUEST_ID_HEADER, requestId);
      }
      return sender.apply(request).compose(response -> response.statusCode() >= 500
          ? Future.failedFuture(new KaleyraException(operation, response.statusCode()))
          : Future.succeededFuture(response));
    }).andThen(result -> sample.stop(Timer.builder("kaleyra.calls")
        .description("Kaleyra calls by operation and outcome (HTTP status, or the kind of failure)")
        .tag("operation", method.name() + " " + template(path))
        .tag("outcome", result.succeeded() ? String.valueOf(result.result().statusCode()) : outcome(result.cause()))
        .register(Metrics.registry())));
  }

  /** The path with ids replaced, so that metrics have one series per operation, not per room. */
  static String template(String path) {
    return path.replaceAll("\\?.*$", "").replaceAll("/(rooms|users|uploads)/[^/]+", "/$1/{id}");
  }

  private static String outcome(Throwable failure) {
    if (failure instanceof KaleyraException kaleyra) {
      return String.valueOf(kaleyra.status());
    }
    if (failure instanceof io.vertx.circuitbreaker.OpenCircuitException) {
      return "circuit_open";
    }
    if (failure instanceof io.vertx.circuitbreaker.TimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
      return "timeout";
    }
    return "error";
  }

  /** The body as a JSON object; anything else is Kaleyra's fault, reported without quoting the body. */
  private static JsonObject jsonObject(String operation, HttpResponse<Buffer> response) {
    try {
      JsonObject json = response.body() == null ? null : response.bodyAsJsonObject();
      if (json == null) {
        throw KaleyraException.unreadable(operation, response.statusCode());
      }
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw KaleyraException.unreadable(operation, response.statusCode());
    }
  }

  private static String required(String operation, HttpResponse<Buffer> response, JsonObject json, String field) {
    if (json.getValue(field) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw KaleyraException.unreadable(operation, response.statusCode());
  }

  private static Future<HttpResponse<Buffer>> expectSuccess(String operation, HttpResponse<Buffer> response) {
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
      return Future.succeededFuture(response);
    }
    return Future.failedFuture(new KaleyraException(operation, response.statusCode()));
  }

  /**
   * The room Kaleyra created. A success whose body cannot be read (not JSON, no room id, unexpected shapes) is
   * {@link KaleyraException#unreadable}: the room may exist, but without its id nothing can delete it.
   */
  static CreatedRoom createdRoom(HttpResponse<Buffer> response) {
    String operation = "POST /rooms";
    JsonObject body = jsonObject(operation, response);
    try {
      // v1 wrapped the room in {"room": …}; accept both until v2's shape is confirmed (docs/kaleyra.md, "POST /rooms").
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
      return new CreatedRoom(required(operation, response, room, ROOM_ID), links);
    } catch (ClassCastException | NullPointerException e) {
      throw KaleyraException.unreadable(operation, response.statusCode());
    }
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
