package io.teleconsultation.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

/**
 * Counters that one verticle increments and another reports, kept in Vert.x shared data: cluster-wide when the
 * event bus is clustered, per process otherwise. They start at zero when the service (every node) starts.
 */
public final class SharedCounters {

  /** GET requests that found their stored Kaleyra room missing on Kaleyra (reported in /-/check-up). */
  public static final String MISSING_ROOMS = "teleconsultation.kaleyra.missing-rooms";

  private SharedCounters() {}

  public static Future<Long> increment(Vertx vertx, String name) {
    return vertx.sharedData().getCounter(name).compose(Counter::incrementAndGet);
  }

  public static Future<Long> read(Vertx vertx, String name) {
    return vertx.sharedData().getCounter(name).compose(Counter::get);
  }
}
