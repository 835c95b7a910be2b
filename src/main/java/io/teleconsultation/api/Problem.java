package io.teleconsultation.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An error response: RFC 9457 problem details, plus the member {@code error} that the old service used
 * ({@code {"error": "Unauthorized user"}}), so that its clients still read the message.
 */
public record Problem(int status, String detail, JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";
  static final int RETRY_AFTER_SECONDS = 5;

  public Problem(int status, String detail) {
    this(status, detail, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type(status))
        .put("title", title(status))
        .put("status", status)
        .put("detail", detail)
        .put("error", detail);
    if (errors != null && !errors.isEmpty()) {
      json.put("errors", errors);
    }
    return json;
  }

  /** Completes when the answer is written (at once when there is nothing left to write). */
  public Future<Void> send(HttpServerResponse response) {
    if (response.ended()) {
      return Future.succeededFuture();
    }
    if (response.headWritten()) {
      response.reset();
      return Future.succeededFuture();
    }
    if (status == 503) {
      // Kaleyra's circuit or the database is down: say when trying again is worth it.
      response.putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
    return response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(toJson().encode());
  }

  /** Stable problem types, one per status (listed in openapi.yaml). */
  static String type(int status) {
    return "/problems/" + switch (status) {
      case 400 -> "validation-error";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 408 -> "request-timeout";
      case 409 -> "conflict";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "idempotency-key-reused";
      case 502 -> "kaleyra-error";
      case 503 -> "service-unavailable";
      default -> "internal-error";
    };
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }
}
