package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KaleyraUserIdTest {

  @Test
  void theSameExternalIdAlwaysGivesTheSameKaleyraId() {
    assertThat(KaleyraUserId.of("auth0|abc")).isEqualTo(KaleyraUserId.of("auth0|abc"));
  }

  @Test
  void onlyCharactersKaleyraAcceptsAreUsed() {
    assertThat(KaleyraUserId.of("auth0|abc@example.com/é")).matches("[a-zA-Z0-9._-]{1,128}");
  }

  @Test
  void idsDifferingOnlyInRefusedCharactersDoNotCollide() {
    assertThat(KaleyraUserId.of("a|b")).isNotEqualTo(KaleyraUserId.of("a/b"));
  }

  @Test
  void veryLongExternalIdsStayWithinKaleyrasLimit() {
    assertThat(KaleyraUserId.of("x".repeat(500))).hasSizeLessThanOrEqualTo(128);
  }
}
