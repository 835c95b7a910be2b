package io.teleconsultation.kaleyra;

/**
 * Kaleyra answered with an error status. The message names the operation and status only: never the request,
 * which carries the API key in a header.
 */
public class KaleyraException extends RuntimeException {

  private final String operation;
  private final int status;

  public KaleyraException(String operation, int status) {
    super("Kaleyra answered " + status + " to " + operation, null, false, false);
    this.operation = operation;
    this.status = status;
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
