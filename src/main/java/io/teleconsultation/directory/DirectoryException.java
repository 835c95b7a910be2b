package io.teleconsultation.directory;

/** The directory does not know a user, or failed to say. Messages are safe for the client: no directory body. */
public class DirectoryException extends RuntimeException {

  /** The directory answered, and the user is not in it. */
  public static final class UnknownUser extends DirectoryException {
    private final String userId;

    public UnknownUser(String userId) {
      super("The user directory does not know the user '" + userId + "'");
      this.userId = userId;
    }

    public String userId() {
      return userId;
    }
  }

  /** The directory answered with a server error: it counts against the circuit breaker. */
  public static final class Outage extends DirectoryException {
    public Outage(String message) {
      super(message);
    }
  }

  public DirectoryException(String message) {
    super(message, null, false, false);
  }
}
