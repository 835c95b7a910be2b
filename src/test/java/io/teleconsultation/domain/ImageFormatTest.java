package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void jpegIsRecognisedByItsFirstThreeBytes() {
    assertThat(ImageFormat.of(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46))).contains(ImageFormat.JPEG);
  }

  @Test
  void pngIsRecognisedByItsEightByteSignature() {
    assertThat(ImageFormat.of(bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))).contains(ImageFormat.PNG);
  }

  @Test
  void textIsNoImage() {
    assertThat(ImageFormat.of("hello, I am a .jpg".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aTruncatedSignatureIsNoImage() {
    assertThat(ImageFormat.of(bytes(0x89, 0x50, 0x4E, 0x47))).isEmpty();
    assertThat(ImageFormat.of(bytes())).isEmpty();
  }

  @Test
  void gifIsNotAccepted() {
    assertThat(ImageFormat.of("GIF89a\0\0".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
  }

  @Test
  void mediaTypesAreTheOnesKaleyraExpects() {
    assertThat(ImageFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
    assertThat(ImageFormat.PNG.mediaType()).isEqualTo("image/png");
  }
}
