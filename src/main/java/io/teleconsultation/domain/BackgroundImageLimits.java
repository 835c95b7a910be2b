package io.teleconsultation.domain;

import java.util.Optional;

/**
 * What Kaleyra accepts as a company virtual background (docs/kaleyra.md, "POST /company/virtual_backgrounds"):
 * a JPEG of at least 1280×1280 pixels. An image Kaleyra would refuse is refused here, before anything is sent,
 * with a reason a client can act on. The size limit (10 MB, the original service's, below Kaleyra's 16 MB) is
 * enforced while the upload is read, by the HTTP edge.
 */
public final class BackgroundImageLimits {

  public static final int MIN_WIDTH = 1280;
  public static final int MIN_HEIGHT = 1280;
  public static final long MAX_BYTES = 10L * 1024 * 1024;
  /**
   * How many leading bytes {@link #check} reads: a JPEG's frame header (its size) follows its metadata segments,
   * which are at most 64 KB each and rarely more than a few.
   */
  public static final int HEAD_BYTES = 512 * 1024;

  /** Why an image is refused. */
  public enum Reason { NOT_JPEG, TOO_SMALL, NO_SIZE }

  public record Refusal(Reason reason, String message) {}

  private BackgroundImageLimits() {}

  /**
   * @param head the file's first bytes ({@link #HEAD_BYTES}, fewer for a shorter file)
   * @return why Kaleyra would refuse it; empty when it is acceptable
   */
  public static Optional<Refusal> check(byte[] head) {
    Optional<ImageFormat> format = ImageFormat.of(head);
    if (format.isEmpty() || format.get() != ImageFormat.JPEG) {
      return Optional.of(new Refusal(Reason.NOT_JPEG, "The virtual background must be a JPEG image"
          + (format.isPresent() ? " (Kaleyra does not accept " + format.get() + ")" : "")));
    }
    Optional<int[]> size = jpegSize(head);
    if (size.isEmpty()) {
      return Optional.of(new Refusal(Reason.NO_SIZE, "The size of the JPEG image cannot be read"));
    }
    int width = size.get()[0];
    int height = size.get()[1];
    if (width < MIN_WIDTH || height < MIN_HEIGHT) {
      return Optional.of(new Refusal(Reason.TOO_SMALL, "The virtual background must be at least " + MIN_WIDTH + "×"
          + MIN_HEIGHT + " pixels, not " + width + "×" + height));
    }
    return Optional.empty();
  }

  /**
   * Width and height from the JPEG's start-of-frame segment: segments are walked by their lengths from the start of
   * the file until a frame header (SOF0–SOF15 but DHT, JPG, DAC); empty when none comes before the image data or
   * the end of {@code head}.
   */
  static Optional<int[]> jpegSize(byte[] jpeg) {
    int i = 2;
    while (i + 4 <= jpeg.length) {
      if ((jpeg[i] & 0xFF) != 0xFF) {
        return Optional.empty();
      }
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return Optional.empty();
      }
      int length = u16(jpeg, i + 2);
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (i + 9 > jpeg.length) {
          return Optional.empty();
        }
        return Optional.of(new int[] {u16(jpeg, i + 7), u16(jpeg, i + 5)});
      }
      if (length < 2) {
        return Optional.empty();
      }
      i += 2 + length;
    }
    return Optional.empty();
  }

  private static int u16(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }
}
