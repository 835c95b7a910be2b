package io.teleconsultation.domain;

import java.util.Map;

/**
 * Text PostgreSQL cannot store: U+0000 (refused in {@code text} and {@code jsonb}) and unpaired UTF-16 surrogates
 * (a JSON escape such as {@code "\ud800"} decodes to one; it has no UTF-8 encoding). Such input is refused with
 * {@code 400} before anything is called, instead of failing in the database after Kaleyra was already called.
 */
public final class StorableText {

  private StorableText() {}

  /** @throws DomainException INVALID naming the field */
  public static void check(String field, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        throw DomainException.invalid(field + " contains U+0000 (NUL), which cannot be stored");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw DomainException.invalid(field + " contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase()
            + "), which cannot be stored");
      }
    }
  }

  /**
   * Checks every string of a JSON tree, names and values: maps (objects), iterables of map entries (objects that are
   * not maps, such as Vert.x's JsonObject) and other iterables (arrays).
   *
   * @param path how the client names the tree's root (e.g. {@code body}); nested fields get {@code path.field} and
   *     {@code path[i]}
   */
  public static void checkTree(String path, Object value) {
    if (value instanceof CharSequence text) {
      check(path, text.toString());
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, member) -> member(path, key, member));
    } else if (value instanceof Iterable<?> iterable) {
      int index = 0;
      for (Object item : iterable) {
        if (item instanceof Map.Entry<?, ?> entry) {
          member(path, entry.getKey(), entry.getValue());
        } else {
          checkTree(path + "[" + index + "]", item);
        }
        index++;
      }
    }
  }

  private static void member(String path, Object key, Object value) {
    String name = String.valueOf(key);
    check(path + " (a field name)", name);
    checkTree(path + "." + name, value);
  }
}
