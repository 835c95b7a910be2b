package io.teleconsultation.domain;

/**
 * Personalises a Kaleyra join link with Kaleyra's query-string options (kaleyra-video-api.md, "Join-link
 * customisation"): {@code language=it|en} and {@code virtual_background=image} (the company default background).
 */
public final class JoinLink {

  private JoinLink() {}

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
