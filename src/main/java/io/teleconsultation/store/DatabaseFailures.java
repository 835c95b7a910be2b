package io.teleconsultation.store;

import io.teleconsultation.bus.BusFailure;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures as clients should see them: an unreachable or restarting PostgreSQL is a 503 (retry later),
 * not a 500. Anything else stays a 500 with its cause in our log only.
 */
final class DatabaseFailures {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);

  static final String UNAVAILABLE = "The database is unavailable, try again later";

  private DatabaseFailures() {}

  static Throwable asClientFacing(Throwable err) {
    if (err instanceof BusFailure.ClientFacing) {
      return err;
    }
    if (isUnavailable(err)) {
      LOG.warn("Database unavailable: {}", err.getClass().getSimpleName());
      return BusFailure.of(BusFailure.UNAVAILABLE, UNAVAILABLE);
    }
    return err;
  }

  /**
   * Connection refused or lost, pool closed or exhausted, server shutting down or starting up (SQLSTATE classes 08
   * connection exception, 53 insufficient resources, 57 operator intervention).
   */
  static boolean isUnavailable(Throwable err) {
    if (err instanceof PgException pg) {
      String state = pg.getSqlState();
      return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }
    for (Throwable cause = err; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
      String name = cause.getClass().getSimpleName();
      String message = String.valueOf(cause.getMessage()).toLowerCase();
      if (name.contains("Closed") || message.contains("connection") || message.contains("pool closed")
          || message.contains("timeout")) {
        return true;
      }
    }
    return false;
  }
}
