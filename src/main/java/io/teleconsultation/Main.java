package io.teleconsultation;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service: {@code java -jar target/teleconsultation-service-backend.jar}. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new MainVerticle())
        .onSuccess(id -> Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await())))
        .onFailure(err -> {
          LOG.error("The service could not start: {}", err.getMessage(), err);
          vertx.close().onComplete(closed -> System.exit(1));
        });
  }
}
