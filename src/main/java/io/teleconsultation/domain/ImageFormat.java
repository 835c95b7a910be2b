package io.teleconsultation.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats Kaleyra accepts as a virtual background (docs/kaleyra.md, "POST /company/virtual_backgrounds"), recognised by their
 * first bytes: a client's file name and declared type say nothing reliable about the content.
 */
public enum ImageFormat {
  JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});

  /** How many leading bytes {@link #of} needs to recognise every format. */
  public static final int SIGNATURE_LENGTH = 8;

  private final String mediaType;
  private final byte[] signature;

  ImageFormat(String mediaType, byte[] signature) {
    this.mediaType = mediaType;
    this.signature = signature;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format whose signature {@code head} starts with; empty for anything else (text, GIF, a short file…). */
  public static Optional<ImageFormat> of(byte[] head) {
    return Arrays.stream(values())
        .filter(format -> head.length >= format.signature.length
            && Arrays.equals(head, 0, format.signature.length, format.signature, 0, format.signature.length))
        .findFirst();
  }
}
