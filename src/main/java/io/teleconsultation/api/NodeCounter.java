package io.teleconsultation.api;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count shared by every HTTP verticle instance of this Vert.x node (open connections, uploads in progress), so that
 * a per-node cap holds however many instances serve HTTP. It lives in a local map of Vert.x shared data.
 */
final class NodeCounter implements Shareable {

  private static final String MAP = "teleconsultation.node-counters";

  private final AtomicInteger count = new AtomicInteger();

  static NodeCounter named(Vertx vertx, String name) {
    return vertx.sharedData().<String, NodeCounter>getLocalMap(MAP).computeIfAbsent(name, key -> new NodeCounter());
  }

  /** Counts one more unless {@code max} are already counted; false (and nothing counted) then. */
  boolean tryAcquire(int max) {
    while (true) {
      int current = count.get();
      if (current >= max) {
        return false;
      }
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  void release() {
    count.decrementAndGet();
  }

  int current() {
    return count.get();
  }
}
