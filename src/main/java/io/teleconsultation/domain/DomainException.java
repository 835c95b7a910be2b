package io.teleconsultation.domain;

/** A request that breaks a business rule. The message is meant for the client, so it names the problem. */
public class DomainException extends RuntimeException {

  /** What kind of rule was broken; the API maps each kind to one HTTP status. */
  public enum Kind {
    INVALID,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;

  public DomainException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public static DomainException invalid(String message) {
    return new DomainException(Kind.INVALID, message);
  }

  public Kind kind() {
    return kind;
  }
}
