package io.teleconsultation.kaleyra.simulator;

import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Participant;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Room;
import io.teleconsultation.kaleyra.simulator.SimulatorState.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Answers {@code kaleyra.simulator.link} (docs/event-bus.md): which room and participant a simulated join link
 * belongs to, so that the HTTP verticle can show the page the link opens. Only the simulator knows its links,
 * and only its event loop may read its state, hence an event-bus request rather than a shared object.
 */
final class JoinLinkLookup {

  private final SimulatorState state;

  JoinLinkLookup(SimulatorState state) {
    this.state = state;
  }

  /** @param request {@code {"code"}}: the last path segment of the link */
  Future<JsonObject> describe(JsonObject request) {
    String code = request.getString("code");
    if (code == null || code.isEmpty()) {
      return Future.failedFuture(BusFailure.of(BusFailure.BAD_REQUEST, "code is required"));
    }
    for (Room room : state.rooms()) {
      for (Participant participant : room.participants()) {
        if (code.equals(codeOf(participant.link()))) {
          return Future.succeededFuture(describe(room, participant));
        }
      }
    }
    return Future.failedFuture(BusFailure.of(BusFailure.NOT_FOUND,
        "The simulator knows no room with this link: it was deleted or replaced by a newer one"));
  }

  /** A link is {@code <SIMULATOR_LINK_BASE_URL><code>}: its code is what follows the last slash. */
  static String codeOf(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  private JsonObject describe(Room room, Participant owner) {
    JsonArray others = new JsonArray();
    for (Participant participant : room.participants()) {
      if (participant != owner) {
        others.add(participant(participant));
      }
    }
    return new JsonObject()
        .put("roomId", room.roomId())
        .put("description", room.description())
        .put("status", room.status())
        .put("callType", room.callType())
        .put("recording", room.recording())
        .put("durationInSeconds", room.durationSeconds())
        .put("creationDate", SimulatorJson.timestamp(room.creationDate()))
        .put("participant", participant(owner)
            .put("language", user(owner).map(User::language).orElse(null))
            .put("tools", new JsonObject(new LinkedHashMap<>(owner.tools()))))
        .put("others", others);
  }

  private JsonObject participant(Participant participant) {
    return new JsonObject()
        .put("kaleyraUserId", participant.userId())
        .put("role", user(participant).map(User::role).orElse(null))
        .put("admin", participant.isAdmin());
  }

  private Optional<User> user(Participant participant) {
    return state.user(participant.userId());
  }
}
