package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs a creation once per {@code Idempotency-Key}: the first request claims the key in PostgreSQL (so every
 * instance sees it), and its reply is stored; a replay with the same key and body gets that reply without doing
 * anything, once the caller is authorized again; the same key with another body, or from another caller, is refused
 * with 422. A request that fails frees its key for a retry.
 */
final class Idempotency {

  static final int UNPROCESSABLE = 422;

  private final BusClient bus;
  private final long ttlMs;

  Idempotency(BusClient bus, long ttlMs) {
    this.bus = bus;
    this.ttlMs = ttlMs;
  }

  /**
   * @param key the client's Idempotency-Key, or null to just run the action
   * @param callerId who asks: a key belongs to the caller who used it first
   * @param request what makes two requests of that caller "the same" (their bodies, and the target for scoped
   *     operations)
   * @param authorizeReplay checks that the caller may still make this request: a replay answers the stored reply only
   *     to a caller the action itself would let through now (their groups may have changed since)
   */
  Future<JsonObject> once(String key, String operation, String callerId, JsonObject request,
      Supplier<Future<Void>> authorizeReplay, Supplier<Future<JsonObject>> action) {
    if (key == null) {
      return action.get();
    }
    JsonObject id = new JsonObject().put("key", key).put("operation", operation);
    // Two hashes in one column: the caller's, then the request's, so that a refusal can say which one differs.
    String callerHash = hash(new JsonObject().put("callerId", callerId));
    String hash = callerHash + "." + hash(request);
    return bus.request(Addresses.STORE_IDEMPOTENCY_CLAIM, id.copy().put("requestHash", hash).put("ttlMs", ttlMs))
        .compose(claim -> {
          if (claim.getBoolean("claimed")) {
            // Started from a future so that a refusal thrown at once (validation) also frees the key.
            return Future.<Void>succeededFuture().compose(v -> action.get()).transform(result -> {
              if (result.failed()) {
                return bus.request(Addresses.STORE_IDEMPOTENCY_RELEASE, id)
                    .otherwiseEmpty()
                    .transform(released -> Future.<JsonObject>failedFuture(result.cause()));
              }
              // Once the action succeeded the key is never released: a retry must not create a second time, even
              // if remembering the reply failed (it then gets 409 until the in-flight claim expires).
              return bus.request(Addresses.STORE_IDEMPOTENCY_COMPLETE,
                      id.copy().put("status", 201).put("response", result.result()))
                  .otherwiseEmpty()
                  .map(result.result());
            });
          }
          String stored = claim.getString("requestHash");
          if (!stored.startsWith(callerHash + ".")) {
            // Says nothing of that request: neither what it was nor whether it succeeded.
            return Future.failedFuture(BusFailure.of(UNPROCESSABLE,
                "Idempotency-Key '" + key + "' belongs to another request: use a key of your own"));
          }
          if (!hash.equals(stored)) {
            return Future.failedFuture(BusFailure.of(UNPROCESSABLE,
                "Idempotency-Key '" + key + "' was already used with a different request body"));
          }
          return Future.<Void>succeededFuture().compose(v -> authorizeReplay.get()).compose(allowed -> {
            if (claim.getInteger("status") == null) {
              return Future.failedFuture(BusFailure.of(BusFailure.CONFLICT,
                  "A request with Idempotency-Key '" + key + "' is still being processed; retry in a moment"));
            }
            return Future.succeededFuture(claim.getJsonObject("response"));
          });
        });
  }

  /** SHA-256 of the request with object keys sorted, so that field order does not make two bodies differ. */
  static String hash(JsonObject request) {
    try {
      byte[] canonical = String.valueOf(canonical(request)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonObject object) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      object.forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
      return new JsonObject(new java.util.LinkedHashMap<>(sorted)).encode();
    }
    if (value instanceof JsonArray array) {
      JsonArray canonical = new JsonArray();
      array.forEach(item -> canonical.add(canonical(item)));
      return canonical.encode();
    }
    return value;
  }
}
