package io.teleconsultation.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML of the page a simulated join link opens. Every value that comes from a request or from stored data
 * (names, ids, the link's query) goes through {@link #escape}: a participant named {@code <script>} shows as text.
 */
final class JoinPageHtml {

  static final String BANNER = "SIMULATION";

  private static final String STYLE = """
      body{margin:0;font-family:system-ui,sans-serif;background:#1f2430;color:#e8e8e8}
      .banner{background:#d62828;color:#fff;font-weight:700;text-align:center;padding:.5rem;letter-spacing:.05em}
      main{padding:1rem 1.5rem;max-width:56rem}
      h1{font-size:1.3rem;margin:.5rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
      .sub{color:#aab;margin:0 0 1rem}
      code{background:#2c3342;padding:0 .25rem;border-radius:3px}
      .stage{display:flex;gap:.75rem;flex-wrap:wrap}
      .tile{width:10rem;height:6.5rem;border-radius:8px;background:#3a4356;display:flex;flex-direction:column;
        align-items:center;justify-content:center;text-align:center;padding:.25rem}
      .tile.you{outline:3px solid #4cc9f0}
      .initials{font-size:1.6rem;font-weight:700}.tile small{color:#ccd}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dt{color:#aab}dd{margin:0}
      ul{margin:0;padding-left:1.2rem}
      """;

  private JoinPageHtml() {}

  /**
   * @param link          the simulator's description of the link (docs/event-bus.md, {@code kaleyra.simulator.link})
   * @param names         display names by Kaleyra user id, from our teleconsultation (empty when unknown)
   * @param teleconsultationId null when the room belongs to no teleconsultation we know
   * @param language      the link's {@code language} query parameter, or null
   * @param background    the link's {@code virtual_background} query parameter, or null
   */
  static String room(JsonObject link, Map<String, String> names, String teleconsultationId, String language,
      String background) {
    JsonObject you = link.getJsonObject("participant");
    List<JsonObject> others = objects(link.getJsonArray("others"));
    String yourName = names.getOrDefault(you.getString("kaleyraUserId"), "(name unknown)");
    StringBuilder html = new StringBuilder()
        .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"robots\" content=\"noindex\">")
        .append("<title>").append(BANNER).append(" · ").append(escape(yourName)).append(" in room ")
        .append(escape(link.getString("roomId"))).append("</title><style>").append(STYLE).append("</style></head><body>")
        .append("<div class=\"banner\" id=\"banner\">").append(BANNER)
        .append(" · built-in Kaleyra simulator · no real video call takes place</div><main>")
        .append("<h1>Room <code id=\"room-id\">").append(escape(link.getString("roomId"))).append("</code></h1>")
        .append("<p class=\"sub\">");
    if (teleconsultationId != null) {
      html.append("Teleconsultation <code>").append(escape(teleconsultationId)).append("</code> · ");
    }
    html.append("status ").append(escape(link.getString("status")))
        .append(" · ").append(escape(link.getString("callType")))
        .append(" · recording ").append(escape(link.getString("recording")))
        .append(" · duration ").append(link.getInteger("durationInSeconds") == null ? "unlimited"
            : link.getInteger("durationInSeconds") + " s")
        .append("</p>");

    html.append("<section class=\"stage\" aria-label=\"call\">").append(tile(yourName, "you · " + role(you), true));
    for (JsonObject other : others) {
      html.append(tile(names.getOrDefault(other.getString("kaleyraUserId"), "(name unknown)"), role(other), false));
    }
    html.append("</section>");

    html.append("<h2>You</h2><dl>")
        .append(row("Name", "you-name", escape(yourName)))
        .append(row("Kaleyra user id", "you-id", "<code>" + escape(you.getString("kaleyraUserId")) + "</code>"))
        .append(row("Role", "you-role", escape(role(you))))
        .append(row("Tools", "you-tools", escape(tools(you.getJsonObject("tools")))))
        .append(row("Language", "link-language", language == null
            ? "not asked by the link: the company default applies" : escape(language) + " (asked by the link)"))
        .append(row("Virtual background", "link-background", background == null
            ? "none asked by the link" : escape(background) + " (asked by the link: the company default background)"))
        .append("</dl>");

    html.append("<h2>Other participants</h2><ul id=\"others\">");
    for (JsonObject other : others) {
      html.append("<li>").append(escape(names.getOrDefault(other.getString("kaleyraUserId"), "(name unknown)")))
          .append(" · <code>").append(escape(other.getString("kaleyraUserId"))).append("</code> · ")
          .append(escape(role(other))).append("</li>");
    }
    if (others.isEmpty()) {
      html.append("<li>nobody else</li>");
    }
    return html.append("</ul></main></body></html>\n").toString();
  }

  /** The page for a link the simulator does not know. */
  static String unknownLink() {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + BANNER
        + " · unknown link</title><style>" + STYLE + "</style></head><body><div class=\"banner\" id=\"banner\">"
        + BANNER + " · built-in Kaleyra simulator</div><main><h1>This join link leads to no room</h1>"
        + "<p>The simulator knows no room with this link: the teleconsultation was deleted, or changed so that it got"
        + " a new room (ask for the link again).</p></main></body></html>\n";
  }

  private static String tile(String name, String caption, boolean you) {
    return "<div class=\"tile" + (you ? " you" : "") + "\"><span class=\"initials\">" + escape(initials(name))
        + "</span><span>" + escape(name) + "</span><small>" + escape(caption) + "</small></div>";
  }

  private static String row(String term, String id, String escapedValue) {
    return "<dt>" + term + "</dt><dd id=\"" + id + "\">" + escapedValue + "</dd>";
  }

  /** {@code plus (room administrator)} or {@code basic}, as Kaleyra would treat the participant. */
  private static String role(JsonObject participant) {
    String role = participant.getString("role", "unknown role");
    return participant.getBoolean("admin", false) ? role + " (room administrator)" : role;
  }

  private static String tools(JsonObject tools) {
    List<String> enabled = tools == null ? List.of()
        : tools.fieldNames().stream().filter(tool -> tools.getBoolean(tool, false)).sorted().toList();
    return enabled.isEmpty() ? "none" : String.join(", ", enabled);
  }

  private static String initials(String name) {
    StringBuilder initials = new StringBuilder();
    for (String word : name.replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+")) {
      if (!word.isEmpty() && initials.length() < 2) {
        initials.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
      }
    }
    return initials.isEmpty() ? "?" : initials.toString();
  }

  /** Text as HTML: safe inside elements and inside double- or single-quoted attributes. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Display names by Kaleyra user id, from a teleconsultation as the store answers it. */
  static Map<String, String> names(JsonObject teleconsultation) {
    Map<String, String> names = new HashMap<>();
    if (teleconsultation != null) {
      for (JsonObject participant : objects(teleconsultation.getJsonArray("participants"))) {
        if (participant.getString("kaleyraUserId") != null && participant.getString("fullName") != null) {
          names.put(participant.getString("kaleyraUserId"), participant.getString("fullName"));
        }
      }
    }
    return names;
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
  }
}
