package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeleconsultationIdTest {

  @Test
  void uuidsAndObjectIdsAreWellFormed() {
    assertThat(TeleconsultationId.isWellFormed("7f1c7f0e-2b7a-4b8e-9d53-0c2f6c1f3a11")).isTrue();
    assertThat(TeleconsultationId.isWellFormed("65a1f0c2e4b0a1b2c3d4e5f6")).isTrue();
    assertThat(TeleconsultationId.isWellFormed("a_b-C")).isTrue();
  }

  @Test
  void emptyTooLongOrOtherCharactersAreNotIds() {
    assertThat(TeleconsultationId.isWellFormed("")).isFalse();
    assertThat(TeleconsultationId.isWellFormed(null)).isFalse();
    assertThat(TeleconsultationId.isWellFormed("a".repeat(65))).isFalse();
    assertThat(TeleconsultationId.isWellFormed("a.b")).isFalse();
    assertThat(TeleconsultationId.isWellFormed("a/b")).isFalse();
  }

  @Test
  void uuidsAreLowerCasedObjectIdsKeptAsTheyAre() {
    assertThat(TeleconsultationId.canonical("7F1C7F0E-2B7A-4B8E-9D53-0C2F6C1F3A11"))
        .contains("7f1c7f0e-2b7a-4b8e-9d53-0c2f6c1f3a11");
    assertThat(TeleconsultationId.canonical("65A1f0c2e4b0a1b2c3d4e5f6")).contains("65A1f0c2e4b0a1b2c3d4e5f6");
    assertThat(TeleconsultationId.canonical("a.b")).isEmpty();
  }

  @Test
  void notFoundMessageIsTheOriginalServicesAndCutsLongIds() {
    assertThat(TeleconsultationId.notFound("65a1f0c2e4b0a1b2c3d4e5f6")).isEqualTo("Room with id 65a1f0c2e4b0a1b2c3d4e5f6 not found");
    assertThat(TeleconsultationId.notFound("x".repeat(100))).isEqualTo("Room with id " + "x".repeat(64) + "… not found");
  }

  @Test
  void newIdsAreUuids() {
    assertThat(TeleconsultationId.newId()).matches("[0-9a-f-]{36}");
  }
}
