package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.SharedCounters;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.domain.AccessWindow;
import io.teleconsultation.domain.BackgroundGroups;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.JoinLink;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /teleconsultation/{id}: what the caller's browser needs to join. Only a participant gets an answer, and
 * their own link only once the teleconsultation can no longer change (docs/original-service.md, "Joining").
 */
final class TeleconsultationJoin {

  private static final Logger LOG = LoggerFactory.getLogger(TeleconsultationJoin.class);

  static final String UNAUTHORIZED = "Unauthorized user";

  private final Vertx vertx;
  private final BusClient bus;
  private final AccessWindow window;
  private final BackgroundGroups backgroundGroups;
  private final Clock clock;
  /** Shared by the verticle's instances on this node, with the Kaleyra calls under way. */
  private final RoomDetailsCache cache;

  TeleconsultationJoin(Vertx vertx, BusClient bus, AccessWindow window, BackgroundGroups backgroundGroups, Clock clock,
      RoomDetailsCache cache) {
    this.vertx = vertx;
    this.bus = bus;
    this.window = window;
    this.backgroundGroups = backgroundGroups;
    this.clock = clock;
    this.cache = cache;
  }

  /**
   * Forgets the cached details of the room an event names, whichever node made the change: the room left behind
   * by an update ({@code previousRoomId}), or the room of a deleted teleconsultation ({@code roomId}).
   */
  void forget(String roomId) {
    if (roomId != null) {
      cache.remove(roomId);
    }
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
          return room(teleconsultation).map(room -> access(teleconsultation, caller, room, request));
        });
  }

  private JsonObject access(Teleconsultation t, Participant caller, RoomReport room, JsonObject request) {
    String link = null;
    if (window.linkAvailable(t.roomId() != null, t.schedule().start(), clock.instant())) {
      String language = JoinLink.language(request.getString("language"), caller.language());
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
        .put("details", room.details())
        // Not in the old service: tells a frontend that the link (if any) leads to a room that no longer exists.
        .put("roomMissing", room.missing());
  }

  /**
   * The room as Kaleyra reports it. GET needs Kaleyra only for these details, so a Kaleyra failure (open circuit
   * included) does not fail it: the last known details, or null, are served with the link.
   */
  private Future<RoomReport> room(Teleconsultation t) {
    String roomId = t.roomId();
    if (roomId == null) {
      return Future.succeededFuture(RoomReport.NONE);
    }
    JsonObject fresh = cache.fresh(roomId, clock.millis());
    if (fresh != null) {
      return Future.succeededFuture(new RoomReport(fresh, false));
    }
    JsonObject recent = cache.recent(roomId, clock.millis());
    if (recent != null && cache.refreshes().running(roomId)) {
      return Future.succeededFuture(new RoomReport(recent, false));
    }
    // Fresh details may have landed since the check above, from a refresh that ended meanwhile: no second call.
    Future<RoomReport> refresh = cache.refreshes().join(vertx, roomId, () -> {
      JsonObject landed = cache.fresh(roomId, clock.millis());
      return landed != null ? Future.succeededFuture(new RoomReport(landed, false)) : fetch(t);
    });
    return recent != null ? Future.succeededFuture(new RoomReport(recent, false)) : refresh;
  }

  /** One Kaleyra call for the room, whatever the number of GETs waiting for it. */
  private Future<RoomReport> fetch(Teleconsultation t) {
    String roomId = t.roomId();
    return bus.request(Addresses.KALEYRA_ROOM_GET, new JsonObject().put("roomId", roomId))
        .onSuccess(details -> cache.put(roomId, details, clock.millis()))
        .map(details -> new RoomReport(details, false))
        .recover(err -> {
          if (err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND) {
            cache.remove(roomId);
            return Future.succeededFuture(missing(t));
          }
          LOG.warn("Room details of {} unavailable, serving {}: {}", roomId,
              cache.stale(roomId, clock.millis()) == null ? "none" : "the last known", err.getMessage());
          return Future.succeededFuture(new RoomReport(cache.stale(roomId, clock.millis()), false));
        });
  }

  /**
   * Kaleyra does not know a room we store: deleted by hand in Kaleyra's console, expired, or lost by Kaleyra. No
   * room of ours is deleted while a live teleconsultation points to it, so this needs an operator (README, "A room
   * missing on Kaleyra"); GET still answers, saying so.
   */
  private RoomReport missing(Teleconsultation t) {
    LOG.warn("Kaleyra room {} of teleconsultation {} is missing on Kaleyra: its join links lead nowhere. "
        + "GET answers roomMissing=true; give the teleconsultation a new room (see the README)", t.roomId(), t.id());
    SharedCounters.increment(vertx, SharedCounters.MISSING_ROOMS)
        .onFailure(err -> LOG.warn("Missing room not counted: {}", err.getMessage()));
    return new RoomReport(null, true);
  }
}
