package io.teleconsultation.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the Kaleyra user id from an external user id. Kaleyra ids allow only {@code [a-zA-Z0-9._-]}, 1–128
 * characters, while external ids look like {@code auth0|abc} (docs/kaleyra.md, "POST /users"). The derivation is
 * deterministic so that a retried user creation is idempotent: a readable prefix of the external id, plus a hash
 * of the whole id so that two ids differing only in refused characters do not collide.
 */
public final class KaleyraUserId {

  private static final int READABLE_PREFIX = 48;
  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,128}");

  private KaleyraUserId() {}

  public static String of(String externalUserId) {
    String readable = externalUserId.replaceAll("[^a-zA-Z0-9._-]", "_");
    if (readable.length() > READABLE_PREFIX) {
      readable = readable.substring(0, READABLE_PREFIX);
    }
    return "tc_" + readable + "-" + shortHash(externalUserId);
  }

  /** Whether Kaleyra accepts this as a user id (the original service's users, imported, keep theirs). */
  public static boolean isValid(String kaleyraUserId) {
    return kaleyraUserId != null && FORM.matcher(kaleyraUserId).matches();
  }

  private static String shortHash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
