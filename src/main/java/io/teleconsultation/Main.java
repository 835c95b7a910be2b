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
    MainVerticle main = new MainVerticle();
    vertx.deployVerticle(main)
        // SIGTERM (a rolling update, Ctrl-C): stop in order, letting requests in flight finish, then close.
        .onSuccess(id -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          LOG.info("Shutting down: no new requests, finishing those in flight");
          main.shutdown().eventually(vertx::close).await();
        })))
        .onFailure(err -> {
          LOG.error("The service could not start: {}", err.getMessage(), err);
          vertx.close().onComplete(closed -> System.exit(1));
        });
  }
}
