package io.teleconsultation.kaleyra;

import io.micrometer.core.instrument.Gauge;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.observability.Metrics;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.Role;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every call to Kaleyra. Each {@code kaleyra.*} address maps to one Kaleyra call behind a single circuit
 * breaker; replies and failures follow docs/event-bus.md.
 */
public class KaleyraVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KaleyraVerticle.class);

  private final String baseUrl;
  private final String apiKey;
  private final boolean simulated;
  private WebClient webClient;
  private CircuitBreaker breaker;
  private KaleyraClient kaleyra;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  /** The last probe of Kaleyra for /-/check-up (pending or done), and when it was started. */
  private Future<JsonObject> probe;
  private long probedAt;
  private long probeIntervalMs;

  /** @param baseUrl the v2 base URL and the key to use (the simulator's own, in simulator mode) */
  public KaleyraVerticle(String baseUrl, String apiKey, boolean simulated) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.simulated = simulated;
  }

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    probeIntervalMs = config.checkUpKaleyraIntervalMs();
    webClient = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("teleconsultation-service-backend")
        .setConnectTimeout((int) config.kaleyraTimeoutMs()),
        // Vert.x's default of 5 connections caps the whole service at 5 / latency Kaleyra calls a second.
        new PoolOptions().setHttp1MaxSize(config.kaleyraMaxConnections()));
    breaker = CircuitBreaker.create("kaleyra", vertx, new CircuitBreakerOptions()
            .setMaxFailures(config.kaleyraBreakerMaxFailures())
            .setTimeout(config.kaleyraTimeoutMs())
            .setResetTimeout(config.kaleyraBreakerResetMs())
            .setMaxRetries(0))
        .openHandler(v -> LOG.warn("Kaleyra circuit breaker OPEN: Kaleyra calls fail fast for now"))
        .halfOpenHandler(v -> LOG.info("Kaleyra circuit breaker HALF-OPEN: trying Kaleyra again"))
        .closeHandler(v -> LOG.info("Kaleyra circuit breaker CLOSED"));
    // 0 closed, 1 open, 0.5 half-open: one series a node that alerting can threshold.
    Gauge.builder("kaleyra.circuit.state", breaker, b -> switch (b.state()) {
          case CLOSED -> 0.0;
          case HALF_OPEN -> 0.5;
          case OPEN -> 1.0;
        })
        .description("Kaleyra circuit breaker: 0 closed, 0.5 half-open, 1 open")
        .register(Metrics.registry());
    kaleyra = new KaleyraClient(webClient, breaker, baseUrl, apiKey, config.kaleyraTimeoutMs(),
        new Retries(vertx, config.kaleyraRetries(), config.kaleyraRetryBudgetMs()));

    consumeWhere404IsAFailure(Addresses.KALEYRA_USER_ENSURE, body -> kaleyra
        .createUser(body.getString("kaleyraUserId"), Role.fromWireName(body.getString("role")), body.getString("language"))
        .map(v -> new JsonObject().put("kaleyraUserId", body.getString("kaleyraUserId"))));
    consumeWhere404IsAFailure(Addresses.KALEYRA_USER_PROMOTE, body -> kaleyra
        .updateUserRole(body.getString("kaleyraUserId"), Role.fromWireName(body.getString("role")))
        .map(v -> new JsonObject()));
    consumeWhere404IsAFailure(Addresses.KALEYRA_ROOM_CREATE, body -> kaleyra
        .createRoom(
            body.getJsonArray("participants"),
            body.getLong("durationInSeconds"),
            body.getString("recording"),
            body.getBoolean("live"),
            body.getString("description"))
        .onFailure(err -> {
          if (err instanceof KaleyraException kaleyraError && kaleyraError.unreadableBody()) {
            // The room may exist, but without its id it cannot be leased, stored or deleted (README, Failure behaviour).
            LOG.error("Kaleyra answered {} to POST /rooms for teleconsultation {} with a body that cannot be read:"
                    + " a room described '{}' may exist on Kaleyra unknown to this service; delete it in Kaleyra's"
                    + " console", kaleyraError.status(), body.getString("teleconsultationId"),
                body.getString("description"));
          }
        })
        .map(room -> new JsonObject()
            .put("roomId", room.roomId())
            .put("links", new JsonObject(new java.util.LinkedHashMap<>(room.links())))));
    consume(Addresses.KALEYRA_ROOM_GET, body -> kaleyra.getRoom(body.getString("roomId")));
    consume(Addresses.KALEYRA_ROOM_DELETE, body -> kaleyra.deleteRoom(body.getString("roomId")).map(v -> new JsonObject()));
    consume(Addresses.KALEYRA_ROOM_UPLOADS_LIST, body -> kaleyra.listUploads(body.getString("roomId"))
        .map(uploads -> new JsonObject().put("uploads", new JsonArray(uploads))));
    consume(Addresses.KALEYRA_ROOM_UPLOAD_DELETE, body -> kaleyra
        .deleteUpload(body.getString("roomId"), body.getString("uploadId"))
        .map(v -> new JsonObject()));
    consume(Addresses.KALEYRA_CREDENTIALS_CREATE, body -> kaleyra
        .createCredentials(body.getString("kaleyraUserId"), body.getInteger("expiresIn")));
    consume(Addresses.KALEYRA_COMPANY_UPDATE, body -> kaleyra
        .updateCompanyBackground(body.getString("backgroundAlias"))
        .map(company -> new JsonObject().put("company", company)));
    // The request names a file on this node's disk, so only this node may answer it (docs/event-bus.md).
    consumers.add(BusEndpoint.registerLocal(vertx, Addresses.KALEYRA_COMPANY_BACKGROUND_UPLOAD, body -> kaleyra
            .uploadBackground(body.getString("path"), body.getString("fileName"), body.getString("mediaType")),
        KaleyraVerticle::backgroundRefusal));
    consume(Addresses.KALEYRA_STATUS, body -> status());
    consume(Addresses.KALEYRA_PING, body -> Future.succeededFuture(new JsonObject()));

    LOG.info("Kaleyra integration ready ({})", simulated ? "built-in SIMULATOR" : "real Kaleyra at " + hostOf(baseUrl));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    webClient.close();
    breaker.close();
    return Future.succeededFuture();
  }

  /**
   * Mode and circuit state, and whether Kaleyra answers with our key (GET /company). That probe is made at most once
   * per {@code CHECKUP_KALEYRA_INTERVAL_MS}, however many callers ask (callers in between share its answer): an
   * unauthenticated endpoint must not let anyone spend our Kaleyra quota.
   */
  private Future<JsonObject> status() {
    long now = System.currentTimeMillis();
    if (probe == null || now - probedAt >= probeIntervalMs) {
      probedAt = now;
      probe = kaleyra.getCompany()
          .map(company -> new JsonObject().put("status", "OK"))
          .recover(err -> Future.succeededFuture(new JsonObject().put("status", "KO").put("detail", clientMessage(err))));
    }
    return probe.map(result -> result.copy()
        .put("mode", simulated ? "simulated" : "real")
        .put("circuit", breaker.state().name()));
  }

  /**
   * The image was checked against what Kaleyra documents (docs/kaleyra.md) before the upload: a refusal now is most
   * likely the one limit that cannot be checked beforehand, 10 backgrounds per company. The client can act on it.
   */
  static Throwable backgroundRefusal(Throwable err) {
    if (err instanceof KaleyraException kaleyra && kaleyra.status() >= 400 && kaleyra.status() < 500
        && kaleyra.status() != 401 && kaleyra.status() != 403 && kaleyra.status() != 404 && kaleyra.status() != 429) {
      return BusFailure.of(BusFailure.CONFLICT, "Kaleyra refused the background image (HTTP " + kaleyra.status()
          + "); Kaleyra keeps at most 10 backgrounds per company, if the company has 10 delete one in Kaleyra's console");
    }
    return asClientFacing(err);
  }

  /**
   * For calls whose 404 cannot mean "the client's resource does not exist" (creating a user or a room): Kaleyra's
   * 404 is then a misconfiguration (e.g. a base URL without /v2) and must reach the client as 502, not 404.
   */
  private void consumeWhere404IsAFailure(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(BusEndpoint.register(vertx, address, handler, err -> {
      Throwable mapped = asClientFacing(err);
      return mapped instanceof BusFailure.ClientFacing failure && failure.status() == BusFailure.NOT_FOUND
          ? BusFailure.of(BusFailure.BAD_GATEWAY, "Kaleyra answered 404 to " + operationOf(err) + ": check BANDYER_BASE_URL")
          : mapped;
    }));
  }

  private static String operationOf(Throwable err) {
    return err instanceof KaleyraException kaleyra ? kaleyra.operation() : "a call";
  }

  private void consume(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(BusEndpoint.register(vertx, address, handler, KaleyraVerticle::asClientFacing));
  }


  /**
   * Kaleyra failures as the client should see them: an open circuit is 503 (try later), Kaleyra's 404 stays 404
   * (the caller decides what a missing room means), anything else from Kaleyra is a 502.
   */
  static Throwable asClientFacing(Throwable err) {
    if (err instanceof OpenCircuitException) {
      return BusFailure.of(BusFailure.UNAVAILABLE, "Kaleyra is unavailable (circuit open), try again later");
    }
    if (err instanceof KaleyraException kaleyra) {
      if (kaleyra.status() == 429) {
        return BusFailure.of(BusFailure.UNAVAILABLE, "Kaleyra is rate limiting our requests, try again later");
      }
      if (kaleyra.status() == 404) {
        return BusFailure.of(BusFailure.NOT_FOUND, "Kaleyra does not know this resource (" + kaleyra.operation() + ")");
      }
      return BusFailure.of(BusFailure.BAD_GATEWAY, kaleyra.getMessage());
    }
    if (err instanceof TimeoutException) {
      return BusFailure.of(BusFailure.BAD_GATEWAY, "Kaleyra did not answer in time");
    }
    if (err instanceof BusFailure.ClientFacing) {
      return err;
    }
    LOG.warn("Kaleyra call failed: {}", err.toString());
    return BusFailure.of(BusFailure.BAD_GATEWAY, "Kaleyra could not be reached");
  }

  private static String clientMessage(Throwable err) {
    return asClientFacing(err).getMessage();
  }

  private static String hostOf(String url) {
    try {
      return java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "(unparseable URL)";
    }
  }
}
