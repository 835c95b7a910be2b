package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void ordinaryTextEmojiAndAccentsAreStorable() {
    assertThatCode(() -> StorableText.check("fullName", "Zoë Ñandú 👩‍⚕️ 李")).doesNotThrowAnyException();
    assertThatCode(() -> StorableText.check("fullName", null)).doesNotThrowAnyException();
  }

  @Test
  void nulIsRefusedNamingTheField() {
    assertThatThrownBy(() -> StorableText.check("fullName", "Jane\u0000Doe"))
        .isInstanceOf(DomainException.class)
        .hasMessage("fullName contains U+0000 (NUL), which cannot be stored");
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    assertThatThrownBy(() -> StorableText.check("fullName", "Jane \ud800")).hasMessageContaining("U+D800");
    assertThatThrownBy(() -> StorableText.check("fullName", "\udc00 Jane")).hasMessageContaining("U+DC00");
    assertThatThrownBy(() -> StorableText.check("fullName", "\ud83d\ud83d\ude00")).hasMessageContaining("U+D83D");
  }

  @Test
  void everyStringOfATreeIsCheckedAndNamedByItsPath() {
    Map<String, Object> body = Map.of("participants", Map.of("data",
        List.of(Map.of("fullName", "Joe"), Map.of("groups", List.of("doctor", "pat\u0000ient")))));

    assertThatThrownBy(() -> StorableText.checkTree("body", body))
        .hasMessageStartingWith("body.participants.data[1].groups[1] contains U+0000");
  }

  @Test
  void fieldNamesAreCheckedToo() {
    assertThatThrownBy(() -> StorableText.checkTree("body", Map.of("x\u0000", 1))).hasMessageContaining("field name");
  }

  @Test
  void iterablesOfEntriesAreObjects() {
    Iterable<Map.Entry<String, Object>> object = Map.<String, Object>of("fullName", "a\u0000").entrySet();

    assertThatThrownBy(() -> StorableText.checkTree("body", object)).hasMessageStartingWith("body.fullName contains");
  }
}
