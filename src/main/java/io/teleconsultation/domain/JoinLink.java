package io.teleconsultation.domain;

/**
 * Personalises a Kaleyra join link with Kaleyra's query-string options (docs/kaleyra.md, "Join
 * links"): {@code language=it|en} and {@code virtual_background=image} (the company default background).
 */
public final class JoinLink {

  /** The languages the original service handed to Kaleyra's links; any other asked for falls back. */
  private static final java.util.Set<String> LANGUAGES = java.util.Set.of("it", "en");

  private JoinLink() {}

  /**
   * The language a join link opens in: the one asked for when it is {@code it} or {@code en} (in any case), else the
   * participant's stored one, else null (Kaleyra's company default). The original service answered any other value
   * this way instead of refusing the request.
   */
  public static String language(String asked, String participantLanguage) {
    String normalised = asked == null ? null : asked.trim().toLowerCase(java.util.Locale.ROOT);
    return normalised != null && LANGUAGES.contains(normalised) ? normalised : participantLanguage;
  }

  /**
   * @param language the language asked in the request, else the participant's own; null leaves the company default
   * @param useBackground true to open the call with the company's default virtual background
   */
  public static String shape(String link, String language, boolean useBackground) {
    StringBuilder shaped = new StringBuilder(link);
    char separator = link.contains("?") ? '&' : '?';
    if (language != null) {
      shaped.append(separator).append("language=").append(language);
      separator = '&';
    }
    if (useBackground) {
      shaped.append(separator).append("virtual_background=image");
    }
    return shaped.toString();
  }
}
