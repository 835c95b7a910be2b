package io.teleconsultation.kaleyra;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a safe Kaleyra call (a read, a delete, or a user creation, idempotent thanks to the deterministic id):
 * exponential backoff with jitter, a bounded number of times, and never past the call's deadline. A 429 waits
 * Kaleyra's {@code Retry-After} when it fits. An open circuit is never retried: it must fail fast.
 */
final class Retries {

  static final long BASE_DELAY_MS = 200;

  private final Vertx vertx;
  private final int retries;
  private final long budgetMs;

  Retries(Vertx vertx, int retries, long budgetMs) {
    this.vertx = vertx;
    this.retries = retries;
    this.budgetMs = budgetMs;
  }

  Future<HttpResponse<Buffer>> run(Supplier<Future<HttpResponse<Buffer>>> attempt) {
    return attempt(attempt, 0, System.currentTimeMillis() + budgetMs);
  }

  private Future<HttpResponse<Buffer>> attempt(
      Supplier<Future<HttpResponse<Buffer>>> attempt, int attemptsDone, long deadline) {
    return attempt.get().transform(result -> {
      HttpResponse<Buffer> response = result.succeeded() ? result.result() : null;
      boolean again = attemptsDone < retries
          && (response != null ? response.statusCode() == 429 : isTransient(result.cause()));
      long wait = response != null ? retryAfterMs(response, attemptsDone) : backoffMs(attemptsDone);
      if (!again || System.currentTimeMillis() + wait >= deadline) {
        return result.succeeded() ? Future.succeededFuture(response) : Future.failedFuture(result.cause());
      }
      return vertx.timer(wait).compose(waited -> attempt(attempt, attemptsDone + 1, deadline));
    });
  }

  /** 200 ms, 400 ms, 800 ms… each between half and all of it, so that clients do not retry in lockstep. */
  static long backoffMs(int attemptsDone) {
    long ceiling = BASE_DELAY_MS << Math.min(attemptsDone, 10);
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private static long retryAfterMs(HttpResponse<Buffer> response, int attemptsDone) {
    String retryAfter = response.getHeader("Retry-After");
    if (retryAfter != null) {
      try {
        return Math.max(0, Long.parseLong(retryAfter.trim())) * 1000;
      } catch (NumberFormatException notSeconds) {
        // An HTTP-date: fall back to our own backoff.
      }
    }
    return backoffMs(attemptsDone);
  }

  /** Kaleyra's 5xx, timeouts and connection failures may pass; an open circuit and Kaleyra's 4xx will not. */
  static boolean isTransient(Throwable err) {
    if (err instanceof OpenCircuitException) {
      return false;
    }
    if (err instanceof KaleyraException kaleyra) {
      return kaleyra.isServerError();
    }
    return true;
  }
}
