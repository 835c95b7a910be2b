package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.domain.BackgroundImageLimits.Reason;
import io.teleconsultation.domain.BackgroundImageLimits.Refusal;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What Kaleyra accepts as a company background: a JPEG of at least 1280×1280 (docs/kaleyra.md). */
class BackgroundImageLimitsTest {

  private static byte[] image(String format, int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, bytes);
    return bytes.toByteArray();
  }

  @Test
  void aJpegOfTheMinimumSizeOrLargerIsAccepted() throws IOException {
    assertThat(BackgroundImageLimits.check(image("jpg", 1280, 1280))).isEmpty();
    assertThat(BackgroundImageLimits.check(image("jpg", 1920, 1440))).isEmpty();
  }

  @Test
  void theSizeIsReadFromTheFrameHeaderAfterTheMetadataSegments() throws IOException {
    byte[] jpeg = image("jpg", 1600, 1300);
    // An APP1 segment of 60 KB (as EXIF with a thumbnail would be) between the start marker and the rest.
    byte[] app1 = new byte[4 + 60_000];
    app1[0] = (byte) 0xFF;
    app1[1] = (byte) 0xE1;
    app1[2] = (byte) ((60_002 >> 8) & 0xFF);
    app1[3] = (byte) (60_002 & 0xFF);
    byte[] withMetadata = new byte[jpeg.length + app1.length];
    System.arraycopy(jpeg, 0, withMetadata, 0, 2);
    System.arraycopy(app1, 0, withMetadata, 2, app1.length);
    System.arraycopy(jpeg, 2, withMetadata, 2 + app1.length, jpeg.length - 2);

    assertThat(BackgroundImageLimits.jpegSize(withMetadata)).get().isEqualTo(new int[] {1600, 1300});
  }

  @Test
  void aSmallerJpegIsRefusedNamingItsSize() throws IOException {
    assertThat(BackgroundImageLimits.check(image("jpg", 1280, 1279))).contains(
        new Refusal(Reason.TOO_SMALL, "The virtual background must be at least 1280×1280 pixels, not 1280×1279"));
  }

  @Test
  void pngAndAnythingElseAreNotJpeg() throws IOException {
    assertThat(BackgroundImageLimits.check(image("png", 1280, 1280)).map(Refusal::reason)).contains(Reason.NOT_JPEG);
    assertThat(BackgroundImageLimits.check("hello".getBytes()).map(Refusal::reason)).contains(Reason.NOT_JPEG);
  }

  @Test
  void aJpegWhoseSizeCannotBeReadIsRefused() {
    byte[] truncated = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F'};
    assertThat(BackgroundImageLimits.check(truncated).map(Refusal::reason)).isEqualTo(Optional.of(Reason.NO_SIZE));
  }
}
