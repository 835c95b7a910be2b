package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinLinkTest {

  static final String LINK = "https://sandbox.bandyer.com/eu/direct-rest-call-handler/AbC123";

  @Test
  void noLanguageAndNoBackgroundLeaveTheLinkAsKaleyraGaveIt() {
    assertThat(JoinLink.shape(LINK, null, false)).isEqualTo(LINK);
  }

  @Test
  void languageAndBackgroundBecomeKaleyraQueryOptions() {
    assertThat(JoinLink.shape(LINK, "it", true)).isEqualTo(LINK + "?language=it&virtual_background=image");
  }

  @Test
  void optionsAreAppendedToALinkThatAlreadyHasAQuery() {
    assertThat(JoinLink.shape(LINK + "?t=dark", "en", false)).isEqualTo(LINK + "?t=dark&language=en");
  }
}
