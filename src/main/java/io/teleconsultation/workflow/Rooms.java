package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.Schedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and deletes Kaleyra rooms for teleconsultations, through the Kaleyra verticle. */
final class Rooms {

  private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);

  /** A room and the participants, each now holding their own join link. */
  record Room(String roomId, List<Participant> participants) {}

  private final BusClient bus;
  private final RoomSettings settings;

  Rooms(BusClient bus, RoomSettings settings) {
    this.bus = bus;
    this.settings = settings;
  }

  Future<Room> create(UUID teleconsultationId, List<Participant> participants, Schedule schedule) {
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
        .put("description", "Teleconsultation " + teleconsultationId);
    return bus.request(Addresses.KALEYRA_ROOM_CREATE, request).compose(reply -> {
      String roomId = reply.getString("roomId");
      JsonObject links = reply.getJsonObject("links");
      List<Participant> withLinks = new ArrayList<>();
      for (Participant p : participants) {
        String link = links.getString(p.kaleyraUserId());
        if (link == null) {
          // A room we cannot join is useless and costs a licence: remove it before failing.
          return delete(roomId).transform(ignored -> Future.failedFuture(BusFailure.of(
              BusFailure.BAD_GATEWAY, "Kaleyra created a room without a join link for a participant")));
        }
        withLinks.add(p.withLink(link));
      }
      return Future.succeededFuture(new Room(roomId, withLinks));
    });
  }

  /** Deletes a room; a failure is logged (with the room id, so an operator can remove it) and passed on. */
  Future<Void> delete(String roomId) {
    return bus.request(Addresses.KALEYRA_ROOM_DELETE, new JsonObject().put("roomId", roomId))
        .<Void>mapEmpty()
        .onFailure(err -> LOG.error("Kaleyra room {} could not be deleted and may be orphaned: {}", roomId, err.getMessage()));
  }
}
