package io.teleconsultation.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a slow or silent client may hold (the idle timeout itself is the server's option, see HttpVerticle):
 * <ul>
 *   <li>at most {@code HTTP_MAX_CONNECTIONS} connections on this node, counted across HTTP verticle instances;
 *       beyond, a new connection is closed at once;</li>
 *   <li>a request's headers and body must arrive within {@code HTTP_REQUEST_TIMEOUT_MS}: from the connection's
 *       opening for its first request's headers, from the headers for its body. A body still arriving then gets
 *       {@code 408} and the connection is closed; a connection that sent no request yet is closed. A keep-alive
 *       connection waiting for its next request is closed after at most twice the timeout. The time our own
 *       handlers take does not count: that is bounded by the event-bus timeouts.</li>
 * </ul>
 * One instance per HTTP verticle instance: its handlers and its map run on that verticle's event loop only.
 */
final class ConnectionLimits {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

  static final String TIMEOUT = "The request did not arrive in time";

  private final Vertx vertx;
  private final NodeCounter connections;
  private final int maxConnections;
  private final long requestTimeoutMs;
  private final Map<HttpConnection, Deadline> deadlines = new HashMap<>();
  private long lastRefusalLog;

  ConnectionLimits(Vertx vertx, NodeCounter connections, int maxConnections, long requestTimeoutMs) {
    this.vertx = vertx;
    this.connections = connections;
    this.maxConnections = maxConnections;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  void connected(HttpConnection connection) {
    if (!connections.tryAcquire(maxConnections)) {
      long now = System.currentTimeMillis();
      if (now - lastRefusalLog > 10_000) {
        lastRefusalLog = now;
        LOG.warn("{} connections open on this node (HTTP_MAX_CONNECTIONS): closing new ones", maxConnections);
      }
      connection.close();
      return;
    }
    Deadline deadline = new Deadline(connection);
    deadlines.put(connection, deadline);
    deadline.arm();
    connection.closeHandler(v -> {
      connections.release();
      deadline.cancel();
      deadlines.remove(connection);
    });
  }

  void requested(HttpServerRequest request) {
    Deadline deadline = deadlines.get(request.connection());
    if (deadline != null) {
      deadline.request = request;
      deadline.waitingForNext = false;
      deadline.arm();
    }
  }

  /** The deadline of the request a connection is receiving (or waiting for). */
  private final class Deadline {

    private final HttpConnection connection;
    private HttpServerRequest request;
    private boolean waitingForNext;
    private long timer = -1;

    Deadline(HttpConnection connection) {
      this.connection = connection;
    }

    void arm() {
      cancel();
      timer = vertx.setTimer(requestTimeoutMs, id -> expired());
    }

    void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void expired() {
      timer = -1;
      if (request == null || waitingForNext) {
        connection.close();
      } else if (!request.isEnded()) {
        LOG.debug("Request {} {} cut: its body did not arrive within {} ms",
            request.method(), LogSafe.of(request.path()), requestTimeoutMs);
        if (request.response().ended() || request.response().headWritten()) {
          connection.close();
        } else {
          request.response().putHeader("Connection", "close");
          request.response().setStatusCode(408).putHeader("Content-Type", Problem.CONTENT_TYPE)
              .end(new Problem(408, TIMEOUT).toJson().encode())
              .onComplete(sent -> connection.close());
        }
      } else {
        // Received in time: either still being handled (not the client's doing), or answered and the connection
        // now waits for its next request, which gets one more period.
        waitingForNext = request.response().ended();
        arm();
      }
    }
  }
}
