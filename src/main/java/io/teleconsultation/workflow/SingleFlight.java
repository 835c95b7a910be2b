package io.teleconsultation.workflow;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * At most one call per key under way on this node, shared by every caller that asks meanwhile, from any event
 * loop: the use-case verticle runs as several instances ({@code HTTP_INSTANCES}), and they share one of these.
 *
 * <p>The key is taken before the call starts, so a call that completes at once (a bus request with no consumer
 * fails synchronously) still frees it: otherwise its finished future would be handed out forever.
 */
final class SingleFlight<T> {

  private final Map<String, Future<T>> inFlight = new ConcurrentHashMap<>();

  /** The call under way for {@code key}, or the one {@code call} starts now. Callers resume on their own context. */
  Future<T> join(Vertx vertx, String key, Supplier<Future<T>> call) {
    Promise<T> started = Promise.promise();
    Future<T> running = inFlight.putIfAbsent(key, started.future());
    if (running != null) {
      return onCallersContext(vertx, running);
    }
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> {
      inFlight.remove(key, started.future());
      started.handle(done);
    });
    return started.future();
  }

  /** Whether a call for {@code key} is under way. */
  boolean running(String key) {
    return inFlight.containsKey(key);
  }

  /** A call started by another instance completes on that instance's event loop: come back to ours. */
  private static <T> Future<T> onCallersContext(Vertx vertx, Future<T> running) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> resumed = Promise.promise();
    running.onComplete(done -> {
      if (Vertx.currentContext() == caller) {
        resumed.handle(done);
      } else {
        caller.runOnContext(v -> resumed.handle(done));
      }
    });
    return resumed.future();
  }
}
