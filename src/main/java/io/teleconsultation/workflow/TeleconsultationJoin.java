package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.domain.AccessWindow;
import io.teleconsultation.domain.BackgroundGroups;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.JoinLink;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * GET /teleconsultation/{id}: what the caller's browser needs to join. Only a participant gets an answer, and
 * their own link only once the teleconsultation can no longer change (reference §4.4).
 */
final class TeleconsultationJoin {

  static final String UNAUTHORIZED = "Unauthorized user";

  private final BusClient bus;
  private final AccessWindow window;
  private final BackgroundGroups backgroundGroups;
  private final Clock clock;

  TeleconsultationJoin(BusClient bus, AccessWindow window, BackgroundGroups backgroundGroups, Clock clock) {
    this.bus = bus;
    this.window = window;
    this.backgroundGroups = backgroundGroups;
    this.clock = clock;
  }

  /** @param request {@code {id, callerId, language, useBackground}} */
  Future<JsonObject> join(JsonObject request) {
    String callerId = request.getString("callerId");
    return bus.request(Addresses.STORE_TELECONSULTATION_GET, new JsonObject().put("id", request.getString("id")))
        .map(TeleconsultationJson::teleconsultation)
        .compose(teleconsultation -> {
          if (callerId == null) {
            throw new DomainException(DomainException.Kind.UNAUTHORIZED, UNAUTHORIZED);
          }
          Participant caller = teleconsultation.participant(callerId)
              .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHORIZED, UNAUTHORIZED));
          return details(teleconsultation).map(details -> access(teleconsultation, caller, details, request));
        });
  }

  private JsonObject access(Teleconsultation t, Participant caller, JsonObject details, JsonObject request) {
    String link = null;
    if (window.linkAvailable(t.roomId() != null, t.schedule().start(), clock.instant())) {
      // The message always carries "language" (null when the query has none): fall back explicitly.
      String language = request.getString("language") != null ? request.getString("language") : caller.language();
      boolean useBackground = backgroundGroups.useBackground(request.getBoolean("useBackground", false), caller.groups());
      link = JoinLink.shape(caller.link(), language, useBackground);
    }
    JsonArray everyone = new JsonArray(t.participants().stream()
        .map(p -> new JsonObject().put("bandyerUserId", p.kaleyraUserId()).put("fullName", p.fullName()))
        .toList());
    return new JsonObject()
        .put("bandyerUserId", caller.kaleyraUserId())
        .put("accessLinkURL", link)
        .put("participantsBandyerCall", everyone)
        .put("details", details);
  }

  /** The room as Kaleyra reports it; null while there is no room, or when Kaleyra no longer knows it. */
  private Future<JsonObject> details(Teleconsultation t) {
    if (t.roomId() == null) {
      return Future.succeededFuture(null);
    }
    return bus.request(Addresses.KALEYRA_ROOM_GET, new JsonObject().put("roomId", t.roomId()))
        .recover(err -> err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND
            ? Future.succeededFuture(null)
            : Future.failedFuture(err));
  }
}
