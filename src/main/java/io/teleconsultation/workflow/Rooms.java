package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.Schedule;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes Kaleyra rooms for teleconsultations, through the Kaleyra verticle.
 *
 * <p>Every room is owned, at all times, by a stored teleconsultation or by a row of the cleanup queue: a room just
 * created is leased in the queue (due after {@code ROOM_LEASE_MS}) until the transaction that stores it releases
 * the lease; a room left behind is queued in the transaction that leaves it. If a request dies half-way, the reaper
 * finds the room in the queue and deletes it.
 */
final class Rooms {

  private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);

  /** A room and the participants, each now holding their own join link. */
  record Room(String roomId, List<Participant> participants) {}

  private final BusClient bus;
  private final RoomSettings settings;
  private final long leaseMs;

  Rooms(BusClient bus, RoomSettings settings, long leaseMs) {
    this.bus = bus;
    this.settings = settings;
    this.leaseMs = leaseMs;
  }

  Future<Room> create(String teleconsultationId, List<Participant> participants, Schedule schedule) {
    JsonArray roomParticipants = new JsonArray();
    for (Participant p : participants) {
      roomParticipants.add(new JsonObject()
          .put("kaleyraUserId", p.kaleyraUserId())
          .put("admin", p.role() == Role.PLUS)
          .put("tools", new JsonObject(new java.util.LinkedHashMap<>(settings.privileges().toolsOf(p.role())))));
    }
    JsonObject request = new JsonObject()
        .put("participants", roomParticipants)
        .put("durationInSeconds", settings.unlimited() ? null : schedule.durationSeconds())
        .put("recording", settings.recording())
        .put("live", settings.live())
        .put("description", "Teleconsultation " + teleconsultationId)
        .put("teleconsultationId", teleconsultationId.toString());
    return bus.request(Addresses.KALEYRA_ROOM_CREATE, request).compose(reply -> {
      String roomId = reply.getString("roomId");
      return lease(roomId).compose(leased -> withLinks(roomId, reply.getJsonObject("links"), participants));
    });
  }

  private Future<Room> withLinks(String roomId, JsonObject links, List<Participant> participants) {
    List<Participant> withLinks = new ArrayList<>();
    for (Participant p : participants) {
      String link = links.getString(p.kaleyraUserId());
      if (link == null) {
        // A room we cannot join is useless and costs a licence: remove it before failing.
        return discard(roomId).transform(ignored -> Future.failedFuture(BusFailure.of(
            BusFailure.BAD_GATEWAY, "Kaleyra created a room without a join link for a participant")));
      }
      withLinks.add(p.withLink(link));
    }
    return Future.succeededFuture(new Room(roomId, withLinks));
  }

  /** Queues the new room, due later; if even that is impossible (database down), the room is deleted at once. */
  private Future<Void> lease(String roomId) {
    return bus.request(Addresses.STORE_CLEANUP_RECORD,
            new JsonObject().put("roomId", roomId).put("reason", "creating").put("delayMs", leaseMs))
        .<Void>mapEmpty()
        .recover(err -> bus.request(Addresses.KALEYRA_ROOM_DELETE, new JsonObject().put("roomId", roomId))
            .onFailure(deleteErr -> LOG.error(
                "Kaleyra room {} could neither be queued nor deleted and may be orphaned: {}", roomId, deleteErr.getMessage()))
            .transform(deleted -> Future.failedFuture(err)));
  }

  /**
   * After a save failed: if the failure says for sure that nothing was written (a concurrent change won, the request
   * was refused), the new room is deleted now. Otherwise (a timeout, a lost connection during the commit) the save
   * may have gone through, so the room keeps its lease: the reaper deletes it when the lease falls due, unless a
   * live teleconsultation uses it by then.
   */
  Future<Void> abandon(String roomId, Throwable saveFailure) {
    if (saveFailure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && (reply.failureCode() == BusFailure.CONFLICT || reply.failureCode() == BusFailure.BAD_REQUEST
            || reply.failureCode() == BusFailure.NOT_FOUND)) {
      return discard(roomId);
    }
    LOG.warn("Kaleyra room {} may or may not have been stored ({}); the reaper decides after its lease", roomId,
        saveFailure.getMessage());
    return Future.succeededFuture();
  }

  /**
   * Deletes a room that nothing points to any more, and forgets it in the queue. If Kaleyra cannot delete it now,
   * it stays queued (due at once) and the reaper retries: the caller's request does not fail for it.
   */
  Future<Void> discard(String roomId) {
    JsonObject room = new JsonObject().put("roomId", roomId);
    return bus.request(Addresses.KALEYRA_ROOM_DELETE, room)
        .compose(deleted -> bus.request(Addresses.STORE_CLEANUP_FORGET, room).otherwiseEmpty())
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("Kaleyra room {} not deleted yet ({}); the reaper will retry", roomId, err.getMessage());
          return bus.request(Addresses.STORE_CLEANUP_RECORD, room.copy().put("reason", "retry").put("delayMs", 0L))
              .<Void>mapEmpty()
              .otherwiseEmpty();
        });
  }
}
