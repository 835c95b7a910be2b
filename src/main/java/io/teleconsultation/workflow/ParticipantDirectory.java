package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.TeleconsultationJson.RequestedParticipants;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.ParticipantRules;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.RequestedParticipant;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the participants a request names into full participant descriptions, before any rule on the roster is
 * checked. Without a user directory the request must describe each one itself ({@code groups}, {@code fullName}).
 * In the user-directory mode ({@code AUTH_SERVICE}) each is looked up there, and the directory is authoritative for
 * groups, even when the request gives some: a client must not be able to make anyone a plus user.
 */
final class ParticipantDirectory {

  static final String MODE_NEEDED = "needs the user-directory mode (AUTH_SERVICE), which this service does not run:"
      + " give every participant with groups and fullName";

  private final BusClient bus;
  private final boolean enabled;

  ParticipantDirectory(BusClient bus, boolean enabled) {
    this.bus = bus;
    this.enabled = enabled;
  }

  /** The participants of a POST or PATCH body; the ids are checked (number, duplicates) before the directory is asked. */
  Future<List<ParticipantSpec>> specs(RequestedParticipants requested) {
    ParticipantRules.checkIds(requested.number(),
        requested.data().stream().map(RequestedParticipant::userId).toList());
    return specs(requested.data());
  }

  Future<ParticipantSpec> spec(RequestedParticipant requested) {
    return specs(List.of(requested)).map(specs -> specs.get(0));
  }

  /**
   * The caller's groups, for POST /credentials: from the directory in the user-directory mode (a caller it does not
   * know is unauthorized), else the ones the gateway sent.
   */
  Future<List<String>> groupsOfCaller(String callerId, List<String> headerGroups) {
    if (!enabled) {
      return Future.succeededFuture(headerGroups);
    }
    return lookup(List.of(callerId))
        .map(users -> users.get(callerId).getJsonArray("groups", new JsonArray()).stream().map(String::valueOf).toList())
        .recover(err -> Future.failedFuture(
            err instanceof ReplyException reply && reply.failureCode() == BusFailure.BAD_REQUEST
                ? new DomainException(DomainException.Kind.UNAUTHORIZED, TeleconsultationJoin.UNAUTHORIZED)
                : err));
  }

  private Future<List<ParticipantSpec>> specs(List<RequestedParticipant> requested) {
    if (!enabled) {
      return Future.succeededFuture(requested.stream().map(ParticipantDirectory::describedByRequest).toList());
    }
    if (requested.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return lookup(requested.stream().map(RequestedParticipant::userId).toList())
        .map(users -> requested.stream().map(participant -> {
          JsonObject user = users.get(participant.userId());
          List<String> groups = user.getJsonArray("groups", new JsonArray()).stream().map(String::valueOf).toList();
          if (groups.isEmpty()) {
            throw DomainException.invalid("The user directory lists no group for participant '"
                + participant.userId() + "': a participant needs a group of the privileges configuration");
          }
          return participant.describedBy(user.getString("fullName"), groups);
        }).toList());
  }

  private static ParticipantSpec describedByRequest(RequestedParticipant participant) {
    if (!participant.complete()) {
      throw DomainException.invalid("Participant '" + participant.userId() + "' is given without groups and fullName:"
          + " that " + MODE_NEEDED);
    }
    return participant.asSpec();
  }

  /** The directory's users by the id the request used. */
  private Future<Map<String, JsonObject>> lookup(List<String> userIds) {
    return bus.request(Addresses.DIRECTORY_USERS_LOOKUP, new JsonObject().put("userIds", new JsonArray(userIds)))
        .map(reply -> {
          Map<String, JsonObject> users = new HashMap<>();
          reply.getJsonArray("users").stream().map(JsonObject.class::cast)
              .forEach(user -> users.put(user.getString("userId"), user));
          return users;
        });
  }
}
