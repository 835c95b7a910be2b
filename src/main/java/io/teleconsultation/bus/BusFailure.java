package io.teleconsultation.bus;

import io.teleconsultation.domain.DomainException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures travel on the event bus: the failure code is the HTTP status the client should get, the message
 * is safe to show to the client. Anything unexpected becomes a 500 whose details stay in our log.
 */
public final class BusFailure {

  private static final Logger LOG = LoggerFactory.getLogger(BusFailure.class);

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int INTERNAL = 500;
  public static final int BAD_GATEWAY = 502;
  public static final int UNAVAILABLE = 503;

  private BusFailure() {}

  /** An error whose status and message are meant for the client. */
  public static final class ClientFacing extends RuntimeException {
    private final int status;

    public ClientFacing(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public static ClientFacing of(int status, String message) {
    return new ClientFacing(status, message);
  }

  /** Answers a request with the failure {@code error} maps to. */
  public static void reply(Message<?> message, Throwable error) {
    if (error instanceof ReplyException reply) {
      int status = statusOf(reply);
      message.fail(status, messageOf(reply));
    } else if (error instanceof ClientFacing clientFacing) {
      message.fail(clientFacing.status(), clientFacing.getMessage());
    } else if (error instanceof DomainException domain) {
      message.fail(statusOf(domain.kind()), domain.getMessage());
    } else {
      LOG.error("Unexpected failure handling {}", message.address(), error);
      message.fail(INTERNAL, "Internal error");
    }
  }

  public static int statusOf(DomainException.Kind kind) {
    return switch (kind) {
      case INVALID -> BAD_REQUEST;
      case UNAUTHORIZED -> UNAUTHORIZED;
      case FORBIDDEN -> FORBIDDEN;
      case NOT_FOUND -> NOT_FOUND;
      case CONFLICT -> CONFLICT;
    };
  }

  /** True for a reply failure whose code is an HTTP status sent on purpose by a consumer. */
  public static boolean isHttpError(int code) {
    return code >= 400 && code <= 599;
  }

  /** The client-facing message of a failed request/reply. */
  public static String messageOf(ReplyException reply) {
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE -> isHttpError(reply.failureCode()) ? reply.getMessage() : "Internal error";
      case NO_HANDLERS, TIMEOUT -> "A part of the service is not reachable right now, try again later";
      default -> "Internal error";
    };
  }

  /** The HTTP status of a failed request/reply, as the HTTP edge should answer it. */
  public static int statusOf(ReplyException reply) {
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE -> isHttpError(reply.failureCode()) ? reply.failureCode() : INTERNAL;
      // No consumer registered (a node is down) or no answer in time: retrying later may work.
      case NO_HANDLERS, TIMEOUT -> UNAVAILABLE;
      default -> INTERNAL;
    };
  }
}
