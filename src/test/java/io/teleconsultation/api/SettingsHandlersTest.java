package io.teleconsultation.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.domain.ImageFormat;
import org.junit.jupiter.api.Test;

/** The file name we send to Kaleyra with a background image: the client's, reduced to safe characters. */
class SettingsHandlersTest {

  @Test
  void aPlainFileNameIsKept() {
    assertThat(SettingsHandlers.fileName("beach-2030_v1.JPG", ImageFormat.JPEG)).isEqualTo("beach-2030_v1.JPG");
  }

  @Test
  void quotesSpacesAndLineBreaksCannotReachTheMultipartHeader() {
    assertThat(SettingsHandlers.fileName("my \"best\"\r\nphoto.png", ImageFormat.PNG)).isEqualTo("my__best___photo.png");
  }

  @Test
  void aNameWithNothingUsableBecomesADefaultWithTheDetectedExtension() {
    assertThat(SettingsHandlers.fileName(null, ImageFormat.PNG)).isEqualTo("virtual_background.png");
    assertThat(SettingsHandlers.fileName("☀☀.", ImageFormat.JPEG)).isEqualTo("virtual_background.jpg");
  }

  @Test
  void aVeryLongNameIsCut() {
    assertThat(SettingsHandlers.fileName("a".repeat(300) + ".jpg", ImageFormat.JPEG)).hasSize(100);
  }
}
