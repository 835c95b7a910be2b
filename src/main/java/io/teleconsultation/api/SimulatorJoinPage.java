package io.teleconsultation.api;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /simulator/join/{code}} (simulator mode only, not in openapi.yaml): the page a simulated join link
 * opens in place of Kaleyra's call, so that the whole flow can be clicked through locally. It shows the room, who
 * the link is for, their role and tools, the other participants and what the link's query asked for.
 *
 * <p>The simulator knows the links ({@code kaleyra.simulator.link}); the participants' names are ours, read from
 * the teleconsultation that the room's description names.
 */
final class SimulatorJoinPage {

  static final String PATH = "/simulator/join/:code";
  /** The simulator's link codes are 16 letters and digits; anything else cannot be one. */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,64}");
  /** The description every room gets from workflow.Rooms: "Teleconsultation <id>". */
  private static final Pattern DESCRIPTION = Pattern.compile("Teleconsultation ([0-9a-fA-F-]{36})");
  /** Inline styles only, nothing else: the page needs no script, no image, no form. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

  private final BusClient bus;

  SimulatorJoinPage(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::show);
  }

  private void show(RoutingContext rc) {
    String code = rc.pathParam("code");
    if (!CODE.matcher(code).matches()) {
      send(rc, 404, JoinPageHtml.unknownLink());
      return;
    }
    String language = rc.queryParams().get("language");
    String background = rc.queryParams().get("virtual_background");
    bus.request(Addresses.KALEYRA_SIMULATOR_LINK, new JsonObject().put("code", code))
        .compose(link -> {
          String teleconsultationId = teleconsultationIdOf(link.getString("description"));
          return teleconsultation(teleconsultationId).map(teleconsultation -> JoinPageHtml.room(
              link, JoinPageHtml.names(teleconsultation), teleconsultation == null ? null : teleconsultationId,
              language, background));
        })
        .onSuccess(html -> send(rc, 200, html))
        .onFailure(err -> {
          if (err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND) {
            send(rc, 404, JoinPageHtml.unknownLink());
          } else {
            rc.fail(err);
          }
        });
  }

  /** The teleconsultation the room belongs to, or null (none named, or deleted): the page then shows no names. */
  private Future<JsonObject> teleconsultation(String id) {
    if (id == null) {
      return Future.succeededFuture(null);
    }
    return bus.request(Addresses.STORE_TELECONSULTATION_GET, new JsonObject().put("id", id))
        .otherwise((JsonObject) null);
  }

  private static String teleconsultationIdOf(String description) {
    Matcher matcher = description == null ? null : DESCRIPTION.matcher(description);
    return matcher != null && matcher.matches() ? matcher.group(1) : null;
  }

  private static void send(RoutingContext rc, int status, String html) {
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        // The link's code is what lets its holder in: keep it out of caches and Referer headers.
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .end(html);
  }
}
