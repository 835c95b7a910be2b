package io.teleconsultation.kaleyra.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers in the shapes Kaleyra hands out. */
final class SimulatorIds {

  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random = new SecureRandom();

  /** {@code room_} and 24 hex digits. */
  String roomId() {
    return "room_" + hex(12);
  }

  /** {@code upload_} and 16 hex digits. */
  String uploadId() {
    return "upload_" + hex(8);
  }

  /** 32 hex digits, like the aliases in the contract's company example. */
  String backgroundAlias() {
    return hex(16);
  }

  /** The last path segment of a join link, like Kaleyra's {@code .../direct-rest-call-handler/AbC123}. */
  String joinCode() {
    StringBuilder code = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      code.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return code.toString();
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
