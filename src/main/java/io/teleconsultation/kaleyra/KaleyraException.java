package io.teleconsultation.kaleyra;

/**
 * Kaleyra answered with an error status. The message names the operation and status only: never the request,
 * which carries the API key in a header.
 */
public class KaleyraException extends RuntimeException {

  private final String operation;
  private final int status;
  private final boolean unreadableBody;

  public KaleyraException(String operation, int status) {
    this(operation, status, "Kaleyra answered " + status + " to " + operation, false);
  }

  private KaleyraException(String operation, int status, String message, boolean unreadableBody) {
    super(message, null, false, false);
    this.operation = operation;
    this.status = status;
    this.unreadableBody = unreadableBody;
  }

  /**
   * Kaleyra answered success with a body we cannot read. The body is not quoted: it may hold a secret (an access
   * token) and parser messages echo the text they choke on.
   */
  public static KaleyraException unreadable(String operation, int status) {
    return new KaleyraException(operation, status,
        "Kaleyra answered " + status + " to " + operation + " with a body that is not the expected JSON", true);
  }

  /** True when Kaleyra said yes but what it made cannot be read: for a creation, it may exist unknown to us. */
  public boolean unreadableBody() {
    return unreadableBody;
  }

  public String operation() {
    return operation;
  }

  public int status() {
    return status;
  }

  /** Kaleyra's 5xx are its own failures; they count against the circuit breaker, its 4xx do not. */
  public boolean isServerError() {
    return status >= 500;
  }
}
