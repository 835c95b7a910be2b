package io.teleconsultation.domain;

import java.util.Locale;

/**
 * How much the service checks by itself who may change a teleconsultation (setting {@code AUTHORIZATION_MODE};
 * README, "Security").
 */
public enum AuthorizationMode {
  /** The service checks every change against the caller's identity: plus participants and managers only. */
  STRICT,
  /**
   * The original service's behaviour: any request that reaches the service may change any teleconsultation, and the
   * request body's groups decide Kaleyra roles. Safe only behind a gateway that does these checks itself.
   */
  GATEWAY;

  /** @throws IllegalArgumentException for anything but {@code strict} or {@code gateway} (any case) */
  public static AuthorizationMode parse(String value) {
    String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "strict" -> STRICT;
      case "gateway" -> GATEWAY;
      default -> throw new IllegalArgumentException("must be 'strict' or 'gateway'");
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
