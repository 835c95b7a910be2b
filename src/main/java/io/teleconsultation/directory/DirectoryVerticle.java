package io.teleconsultation.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.teleconsultation.observability.Metrics;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.config.DirectoryConfig;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.ParticipantRules;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every call to the user directory ({@code AUTH_SERVICE}), behind its own circuit breaker, with a cache of the
 * users found. Deployed with the {@code http} role when {@code AUTH_SERVICE} is set; its addresses are in
 * docs/event-bus.md.
 */
public class DirectoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryVerticle.class);

  /** Connections to the directory per node; further lookups wait for one (each within its timeout). */
  private static final int MAX_CONNECTIONS = 16;

  private HttpClientAgent httpClient;
  private CircuitBreaker breaker;
  private UserDirectoryClient directory;

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    return PrivilegesConfig.load(vertx, config.teleconsultationConfigPath()).compose(json -> {
      DirectoryConfig directoryConfig = DirectoryConfig.of(config, json);
      httpClient = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.directoryTimeoutMs()),
          new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
      breaker = CircuitBreaker.create("user-directory", vertx, new CircuitBreakerOptions()
              .setMaxFailures(config.directoryBreakerMaxFailures())
              .setTimeout(config.directoryTimeoutMs())
              .setResetTimeout(config.directoryBreakerResetMs())
              .setMaxRetries(0))
          .openHandler(v -> LOG.warn("User directory circuit breaker OPEN: directory lookups fail fast for now"))
          .halfOpenHandler(v -> LOG.info("User directory circuit breaker HALF-OPEN: trying the directory again"))
          .closeHandler(v -> LOG.info("User directory circuit breaker CLOSED"));
      // As kaleyra_circuit_state: 0 closed, 0.5 half-open, 1 open.
      Gauge.builder("directory.circuit.state", breaker, b -> switch (b.state()) {
            case CLOSED -> 0.0;
            case HALF_OPEN -> 0.5;
            case OPEN -> 1.0;
          })
          .description("User directory circuit breaker: 0 closed, 0.5 half-open, 1 open")
          .register(Metrics.registry());
      directory = new UserDirectoryClient(vertx, httpClient, breaker, directoryConfig, config.directoryTimeoutMs(),
          cache(config));
      LOG.info("User directory at {}{}", hostOf(directoryConfig.baseUrl()),
          directoryConfig.resolvesCustomIds() ? ", custom ids resolved at " + hostOf(directoryConfig.customIdEndpoint()) : "");
      return Future.all(
          BusEndpoint.register(vertx, Addresses.DIRECTORY_USERS_LOOKUP, this::lookup, DirectoryVerticle::asClientFacing)
              .completion(),
          BusEndpoint.register(vertx, Addresses.DIRECTORY_STATUS, body -> Future.succeededFuture(status())).completion());
    });
  }

  @Override
  public Future<?> stop() {
    if (breaker != null) {
      breaker.close();
    }
    return httpClient == null ? Future.succeededFuture() : httpClient.close();
  }

  /** Users found are kept {@code DIRECTORY_CACHE_TTL_MS}, at most {@code DIRECTORY_CACHE_MAX_USERS}; 0 turns it off. */
  private static Cache<String, DirectoryUser> cache(ServiceConfig config) {
    if (config.directoryCacheTtlMs() == 0) {
      return null;
    }
    return Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofMillis(config.directoryCacheTtlMs()))
        .maximumSize(config.directoryCacheMaxUsers())
        // Evictions run on the caller's thread (an event loop): no thread pool of Caffeine's own.
        .executor(Runnable::run)
        .build();
  }

  /**
   * {@code {userIds: [string]}} → {@code {users: [{userId, directoryId, fullName, groups}]}} in the same order. Every id
   * is looked up at once; when some are unknown the failure names them all.
   */
  private Future<JsonObject> lookup(JsonObject request) {
    if (!(request.getValue("userIds") instanceof JsonArray ids) || ids.size() > ParticipantRules.MAX_PARTICIPANTS
        || !ids.stream().allMatch(id -> id instanceof String s && !s.isBlank())) {
      return Future.failedFuture(BusFailure.of(BusFailure.BAD_REQUEST,
          "userIds must be at most " + ParticipantRules.MAX_PARTICIPANTS + " user ids"));
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(String.class::cast).toList()));
    List<String> dotSegments = distinct.stream().filter(DirectoryConfig::isDotSegment).toList();
    if (!dotSegments.isEmpty()) {
      // Before any lookup, even of a custom id: see DirectoryConfig.userUrl.
      return Future.failedFuture(BusFailure.of(BusFailure.BAD_REQUEST,
          "User id '" + dotSegments.get(0) + "' is not accepted: '.' and '..' are not user ids"));
    }
    List<Future<DirectoryUser>> lookups = distinct.stream().map(directory::lookup).toList();
    return Future.join(lookups).transform(done -> {
      List<String> unknown = lookups.stream()
          .filter(f -> f.failed() && f.cause() instanceof DirectoryException.UnknownUser)
          .map(f -> "'" + ((DirectoryException.UnknownUser) f.cause()).userId() + "'")
          .toList();
      if (!unknown.isEmpty()) {
        return Future.failedFuture(BusFailure.of(BusFailure.BAD_REQUEST, unknown.size() == 1
            ? "Unknown user " + unknown.get(0) + ": the user directory does not know it"
            : "Unknown users " + String.join(", ", unknown) + ": the user directory does not know them"));
      }
      if (done.failed()) {
        return Future.failedFuture(done.cause());
      }
      return Future.succeededFuture(new JsonObject().put("users",
          new JsonArray(lookups.stream().map(f -> f.result().toJson()).toList())));
    });
  }

  private JsonObject status() {
    boolean open = breaker.state() == CircuitBreakerState.OPEN;
    JsonObject status = new JsonObject()
        .put("status", open ? "KO" : "OK")
        .put("circuit", breaker.state().name())
        .put("cachedUsers", directory.cachedUsers());
    return open ? status.put("detail", "Circuit open after repeated user directory failures") : status;
  }

  /** An open circuit is 503 (try later); anything else the directory did wrong is a 502. */
  static Throwable asClientFacing(Throwable err) {
    if (err instanceof BusFailure.ClientFacing) {
      return err;
    }
    if (err instanceof OpenCircuitException) {
      return BusFailure.of(BusFailure.UNAVAILABLE, "The user directory is unavailable (circuit open), try again later");
    }
    if (err instanceof TimeoutException || err instanceof java.util.concurrent.TimeoutException) {
      return BusFailure.of(BusFailure.BAD_GATEWAY, "The user directory did not answer in time");
    }
    if (err instanceof DirectoryException) {
      return BusFailure.of(BusFailure.BAD_GATEWAY, err.getMessage());
    }
    LOG.warn("User directory call failed: {}", err.toString());
    return BusFailure.of(BusFailure.BAD_GATEWAY, "The user directory could not be reached");
  }

  private static String hostOf(String url) {
    try {
      return java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "(unparseable URL)";
    }
  }
}
