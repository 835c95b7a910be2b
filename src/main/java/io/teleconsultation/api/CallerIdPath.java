package io.teleconsultation.api;

import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the caller's user id is read: the old service's {@code userIdPathInRequest} (JSON config), a list of steps
 * {@code {from, extract}} walked from the request. The first step must be {@code {"from": "object", "extract":
 * "headers"}} (the identity comes from the gateway's headers, never from what the client controls in the body or the
 * query), the second names a header; each further step reads from the current value: {@code object} takes a
 * property, {@code json} parses a JSON text then takes a property (or an index of an array), {@code array} takes an
 * index. {@code ${env.NAME}} in an {@code extract} is the setting {@code NAME} (e.g. {@code USERID_HEADER_KEY}).
 *
 * <p>Example: {@code [{"from":"object","extract":"headers"},{"from":"object","extract":"miauserproperties"},
 * {"from":"json","extract":"customUserId"}]} reads {@code customUserId} from the JSON of the header
 * {@code miauserproperties}. Without the key: the header {@code USERID_HEADER_KEY}.
 */
public final class CallerIdPath {

  public static final String CONFIG_KEY = "userIdPathInRequest";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)}");
  private static final List<String> KINDS = List.of("object", "json", "array");

  /** One step after the header: how to read the current value, and what to take from it. */
  private record Step(String from, String extract) {}

  private final String header;
  private final List<Step> steps;

  private CallerIdPath(String header, List<Step> steps) {
    this.header = header;
    this.steps = List.copyOf(steps);
  }

  /** The caller's id in one header. */
  public static CallerIdPath header(String header) {
    return new CallerIdPath(header, List.of());
  }

  /**
   * The path the JSON config gives, or the {@code USERID_HEADER_KEY} header without one. Throws naming what is wrong,
   * so that a mistake stops the service at start rather than leaving every caller unidentified.
   */
  public static CallerIdPath of(JsonObject teleconsultationConfig, ServiceConfig config) {
    Object value = teleconsultationConfig.getValue(CONFIG_KEY);
    if (value == null) {
      return header(config.userIdHeader());
    }
    if (!(value instanceof JsonArray array) || array.size() < 2 || array.size() > 10
        || !array.stream().allMatch(JsonObject.class::isInstance)) {
      throw invalid("must be an array of 2 to 10 steps {from, extract}, starting with "
          + "{\"from\": \"object\", \"extract\": \"headers\"} and a header name");
    }
    List<Step> steps = new ArrayList<>();
    for (Object item : array) {
      JsonObject step = (JsonObject) item;
      String from = step.getValue("from") instanceof String s ? s : null;
      Object extract = step.getValue("extract");
      if (!KINDS.contains(from) || !(extract instanceof String || extract instanceof Integer)
          || String.valueOf(extract).isBlank()) {
        throw invalid("has a step " + step.encode() + ": from must be one of " + KINDS
            + " and extract a field name (or an array index)");
      }
      steps.add(new Step(from, resolve(String.valueOf(extract), config)));
    }
    if (!steps.get(0).equals(new Step("object", "headers")) || !"object".equals(steps.get(1).from())) {
      throw invalid("must start with {\"from\": \"object\", \"extract\": \"headers\"} then "
          + "{\"from\": \"object\", \"extract\": <header name>}: the caller's id is read from the gateway's headers only");
    }
    return new CallerIdPath(steps.get(1).extract(), steps.subList(2, steps.size()));
  }

  /** The header the path starts from. */
  public String headerName() {
    return header;
  }

  /** The caller's id, or null when the request does not carry one where the path says. */
  public String read(HttpServerRequest request) {
    Object current = request.getHeader(header);
    for (Step step : steps) {
      current = next(current, step);
      if (current == null) {
        return null;
      }
    }
    // Only text and whole numbers are ids: 1e400 would read as "Infinity", 1.5 or 1e3 as a rendering of a number
    // rather than what the gateway wrote.
    if (current instanceof String || current instanceof Integer || current instanceof Long
        || current instanceof java.math.BigInteger) {
      String id = String.valueOf(current).trim();
      return id.isEmpty() ? null : id;
    }
    return null;
  }

  private static Object next(Object current, Step step) {
    if ("json".equals(step.from())) {
      if (!(current instanceof String text)) {
        return null;
      }
      current = parse(text.trim());
    } else if ("array".equals(step.from()) && !(current instanceof JsonArray)) {
      return null;
    } else if ("object".equals(step.from()) && !(current instanceof JsonObject)) {
      return null;
    }
    if (current instanceof JsonObject object) {
      return object.getValue(step.extract());
    }
    if (current instanceof JsonArray array) {
      try {
        int index = Integer.parseInt(step.extract());
        return index >= 0 && index < array.size() ? array.getValue(index) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A header the gateway set, but still only text: anything that is not a JSON object or array reads as absent. */
  private static Object parse(String text) {
    try {
      if (text.startsWith("{")) {
        return new JsonObject(text);
      }
      if (text.startsWith("[")) {
        return new JsonArray(text);
      }
    } catch (DecodeException | ClassCastException e) {
      // absent, as when the header is missing
    }
    return null;
  }

  private static String resolve(String extract, ServiceConfig config) {
    Matcher matcher = VARIABLE.matcher(extract);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!ServiceConfig.KEYS.contains(name) || config.raw().getValue(name) == null
          || String.valueOf(config.raw().getValue(name)).isBlank()) {
        throw invalid("names ${env." + name + "}, which is not a setting of this service with a value");
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(config.raw().getValue(name))));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("Teleconsultation config: " + CONFIG_KEY + " " + message);
  }
}
