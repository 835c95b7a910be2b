package io.teleconsultation.importer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * Turns MongoDB extended JSON, as {@code mongoexport} writes it, into plain JSON: {@code {"$oid": "65a1…"}} becomes
 * the string {@code "65a1…"}; {@code {"$date": …}} an ISO-8601 UTC string, whether the date is given as a string
 * (relaxed mode), as milliseconds (legacy mode) or as {@code {"$numberLong": "…"}} (canonical mode); the typed
 * numbers {@code $numberInt}, {@code $numberLong}, {@code $numberDouble}, {@code $numberDecimal} become numbers.
 * Anything else is kept as it is.
 */
final class ExtendedJson {

  private ExtendedJson() {}

  static JsonObject plain(JsonObject document) {
    JsonObject plain = new JsonObject();
    for (Map.Entry<String, Object> field : document) {
      plain.put(field.getKey(), plainValue(field.getValue()));
    }
    return plain;
  }

  private static Object plainValue(Object value) {
    if (value instanceof JsonObject object) {
      if (object.size() == 1) {
        String key = object.fieldNames().iterator().next();
        Object inner = object.getValue(key);
        switch (key) {
          case "$oid":
            return String.valueOf(inner);
          case "$date":
            return date(plainValue(inner));
          case "$numberInt":
          case "$numberLong":
            return Long.parseLong(String.valueOf(inner).trim());
          case "$numberDouble":
          case "$numberDecimal":
            return Double.parseDouble(String.valueOf(inner).trim());
          default:
            break;
        }
      }
      return plain(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray plain = new JsonArray();
      array.forEach(element -> plain.add(plainValue(element)));
      return plain;
    }
    return value;
  }

  private static String date(Object value) {
    if (value instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue()).toString();
    }
    return String.valueOf(value);
  }
}
