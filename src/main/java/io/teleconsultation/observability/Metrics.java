package io.teleconsultation.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.EnumSet;

/**
 * Metrics in Prometheus format (served at /-/metrics): Vert.x's own (HTTP server requests by route and status,
 * event bus, database pool) and ours (Kaleyra calls by operation and outcome, circuit breaker state).
 */
public final class Metrics {

  private Metrics() {}

  /** Vert.x options that turn metrics on; every node is created with them (Main, ClusterNode). */
  public static VertxOptions enable(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.EB_ADDRESS, Label.EB_SIDE,
            Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME)));
  }

  /**
   * The registry our own meters go to: Vert.x's when metrics are on, else a private one (tests, embedding), so that
   * code recording meters never has to ask.
   */
  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : FALLBACK;
  }

  public static boolean enabled() {
    return BackendRegistries.getDefaultNow() != null;
  }

  private static final MeterRegistry FALLBACK = new SimpleMeterRegistry();
}
