package io.teleconsultation.directory;

import com.github.benmanes.caffeine.cache.Cache;
import io.teleconsultation.config.DirectoryConfig;
import io.teleconsultation.observability.RequestContext;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The directory's two calls, each through the directory's circuit breaker: the user ({@code GET {AUTH_SERVICE}/users/{id}}
 * by default) and, with {@code CUSTOM_ID_USERS_API_ENDPOINT}, the resolution of a custom id first. Users found are
 * cached for {@code DIRECTORY_CACHE_TTL_MS}; unknown users and failures are not.
 *
 * <p>Bodies are read through a size cap ({@link DirectoryAnswer#MAX_BODY_BYTES}) and each call is cut at its timeout,
 * so a directory sending an endless or slow answer holds neither memory nor a connection.
 */
final class UserDirectoryClient {

  static final String CLIENT_TYPE_HEADER = "client-type";

  /** A directory answer that is not a server error: its status and its (capped) body. */
  private record Answer(int status, Buffer body) {}

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final CircuitBreaker breaker;
  private final DirectoryConfig config;
  private final long timeoutMs;
  /** Null when caching is off ({@code DIRECTORY_CACHE_TTL_MS=0}). */
  private final Cache<String, DirectoryUser> cache;

  UserDirectoryClient(Vertx vertx, HttpClientAgent client, CircuitBreaker breaker, DirectoryConfig config,
      long timeoutMs, Cache<String, DirectoryUser> cache) {
    this.vertx = vertx;
    this.client = client;
    this.breaker = breaker;
    this.config = config;
    this.timeoutMs = timeoutMs;
    this.cache = cache;
  }

  /** The user the client named by {@code userId}; fails with {@link DirectoryException.UnknownUser} when there is none. */
  Future<DirectoryUser> lookup(String userId) {
    DirectoryUser cached = cache == null ? null : cache.getIfPresent(userId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    Future<String> directoryId = config.resolvesCustomIds() ? resolve(userId) : Future.succeededFuture(userId);
    return directoryId
        .compose(id -> get(config.userUrl(id), "GET user").map(answer -> {
          if (answer.status() == 404) {
            throw new DirectoryException.UnknownUser(userId);
          }
          requireSuccess(answer, "GET user");
          return DirectoryAnswer.user(userId, id, answer.body(), config);
        }))
        .onSuccess(user -> {
          if (cache != null) {
            cache.put(userId, user);
          }
        });
  }

  long cachedUsers() {
    return cache == null ? 0 : cache.estimatedSize();
  }

  /** The directory id of a custom id (an email, a database id), by {@code CUSTOM_ID_USERS_API_ENDPOINT?source=id}. */
  private Future<String> resolve(String customId) {
    return get(config.customIdUrl(customId), "custom id lookup").map(answer -> {
      if (answer.status() == 404) {
        throw new DirectoryException.UnknownUser(customId);
      }
      requireSuccess(answer, "custom id lookup");
      String id = DirectoryAnswer.directoryId(answer.body(), config.customIdTarget());
      if (id == null) {
        throw new DirectoryException.UnknownUser(customId);
      }
      return id;
    });
  }

  /** Another 4xx is our request the directory refuses (e.g. a wrong client-type): not an outage, still a 502. */
  private static void requireSuccess(Answer answer, String operation) {
    if (answer.status() < 200 || answer.status() >= 300) {
      throw new DirectoryException("The user directory answered " + answer.status() + " to the " + operation);
    }
  }

  /** One GET through the breaker: a 5xx, a timeout or an oversized answer fails inside it and counts as an outage. */
  private Future<Answer> get(String url, String operation) {
    String requestId = RequestContext.requestId();
    return breaker.execute(() -> {
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setAbsoluteURI(url)
          .setConnectTimeout(timeoutMs)
          .setIdleTimeout(timeoutMs)
          .putHeader("Accept", "application/json")
          .putHeader("User-Agent", "teleconsultation-service-backend");
      if (config.clientType() != null) {
        options.putHeader(CLIENT_TYPE_HEADER, config.clientType());
      }
      if (requestId != null) {
        options.putHeader(RequestContext.REQUEST_ID_HEADER, requestId);
      }
      return client.request(options).compose(request -> {
        // The breaker's timeout answers the caller; this also frees the connection of a directory that drips.
        long deadline = vertx.setTimer(timeoutMs, t -> request.reset());
        return request.send()
            .compose(response -> capped(response).compose(body -> response.statusCode() >= 500
                ? Future.<Answer>failedFuture(new DirectoryException.Outage(
                    "The user directory answered " + response.statusCode() + " to the " + operation))
                : Future.succeededFuture(new Answer(response.statusCode(), body))))
            .andThen(done -> vertx.cancelTimer(deadline));
      });
    });
  }

  /** The body, or a failure (and the stream reset) as soon as it grows beyond the cap. */
  private static Future<Buffer> capped(HttpClientResponse response) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(promise::tryFail);
    response.handler(chunk -> {
      if (body.length() + chunk.length() > DirectoryAnswer.MAX_BODY_BYTES) {
        if (promise.tryFail(new DirectoryException(
            "The user directory answered more than " + DirectoryAnswer.MAX_BODY_BYTES + " bytes"))) {
          response.request().reset();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }
}
