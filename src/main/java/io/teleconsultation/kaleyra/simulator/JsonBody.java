package io.teleconsultation.kaleyra.simulator;

import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.badRequest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A request's JSON object body with typed, strict accessors: a field of the wrong type is refused
 * with 400 naming the field, never coerced. A field sent as JSON {@code null} counts as absent.
 */
final class JsonBody {

  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /** @throws io.vertx.ext.web.handler.HttpException 400 when the body is not a JSON object */
  static JsonBody of(RoutingContext rc) {
    JsonObject json;
    try {
      json = rc.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw badRequest("body must be a JSON object");
    }
    if (json == null) {
      throw badRequest("body must be a JSON object");
    }
    return new JsonBody(json);
  }

  static JsonBody of(JsonObject json) {
    return new JsonBody(json);
  }

  JsonObject json() {
    return json;
  }

  boolean has(String field) {
    return json.getValue(field) != null;
  }

  String requiredString(String field) {
    return optionalString(field).orElseThrow(() -> badRequest(field + " is required"));
  }

  Optional<String> optionalString(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    throw badRequest(field + " must be a string");
  }

  Optional<Boolean> optionalBoolean(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean flag) {
      return Optional.of(flag);
    }
    throw badRequest(field + " must be true or false");
  }

  long requiredInteger(String field) {
    return optionalInteger(field).orElseThrow(() -> badRequest(field + " is required"));
  }

  /** Whole numbers only: {@code 60.5} or {@code "60"} are refused. */
  Optional<Long> optionalInteger(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long) {
      return Optional.of(((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      throw badRequest(field + " is out of range");
    }
    throw badRequest(field + " must be a whole number");
  }

  Optional<JsonArray> optionalArray(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonArray array) {
      return Optional.of(array);
    }
    throw badRequest(field + " must be an array");
  }

  Optional<JsonObject> optionalObject(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonObject object) {
      return Optional.of(object);
    }
    throw badRequest(field + " must be an object");
  }
}
