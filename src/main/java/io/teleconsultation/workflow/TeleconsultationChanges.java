package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.bus.TeleconsultationJson.RequestedParticipants;
import io.teleconsultation.domain.AccessWindow;
import io.teleconsultation.domain.CallerIdentity;
import io.teleconsultation.domain.ChangeAuthorization;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.RequestedParticipant;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.RoomPlan;
import io.teleconsultation.domain.Schedule;
import io.teleconsultation.domain.StorableText;
import io.teleconsultation.domain.Teleconsultation;
import io.teleconsultation.domain.TeleconsultationPatch;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PATCH, add-participant and DELETE of a teleconsultation.
 *
 * <p>Several instances may change one teleconsultation at once, so changes are serialised in the database by
 * the row's version: a change is stored only if the version it read is still current. The order of the steps keeps
 * Kaleyra and the database in agreement: a new room is created first; if storing then fails (validation race,
 * concurrent change), that new room is deleted again; only once the switch is stored is the old room deleted. So
 * no stored teleconsultation ever points to a deleted room, and at most the loser of a race briefly owns a room
 * that it deletes itself.
 *
 * <p>Who may change a teleconsultation is checked on the stored one, before anything else about the change
 * ({@link ChangeAuthorization}).
 */
final class TeleconsultationChanges {

  private final BusClient bus;
  private final Privileges privileges;
  private final KaleyraAccounts accounts;
  private final Rooms rooms;
  private final AccessWindow window;
  private final boolean unlimited;
  private final Clock clock;
  private final ParticipantDirectory directory;
  private final ChangeAuthorization authorization;

  TeleconsultationChanges(BusClient bus, Privileges privileges, KaleyraAccounts accounts, Rooms rooms,
      AccessWindow window, boolean unlimited, Clock clock, ParticipantDirectory directory,
      ChangeAuthorization authorization) {
    this.directory = directory;
    this.bus = bus;
    this.privileges = privileges;
    this.accounts = accounts;
    this.rooms = rooms;
    this.window = window;
    this.unlimited = unlimited;
    this.clock = clock;
    this.authorization = authorization;
  }

  /**
   * @param request {@code {id, body, callerId, callerGroups}} where body is the PATCH body as the API received it
   */
  Future<JsonObject> update(JsonObject request) {
    CallerIdentity caller = TeleconsultationJson.caller(request);
    authorization.requireIdentity(caller);
    JsonObject body = request.getJsonObject("body");
    StorableText.checkTree("body", body);
    TeleconsultationPatch schedule = patchOf(body);
    RequestedParticipants requested = body.getValue("participants") == null
        ? null : TeleconsultationJson.requestedParticipants(body.getValue("participants"));
    return load(request.getString("id")).compose(t -> {
      authorization.checkChange(caller, t);
      refuseIfImmutable(t);
      Future<TeleconsultationPatch> patch = requested == null
          ? Future.succeededFuture(schedule)
          : directory.specs(requested).map(specs -> new TeleconsultationPatch(requested.number(), specs,
              schedule.start(), schedule.end(), schedule.durationSeconds()));
      return patch.compose(p -> apply(t, p, caller, "PATCH /teleconsultation"));
    });
  }

  /**
   * @param request {@code {id, participant, callerId, callerGroups}}: the deprecated
   *     POST /teleconsultation/{id}/participants/data
   */
  Future<JsonObject> addParticipant(JsonObject request) {
    CallerIdentity caller = TeleconsultationJson.caller(request);
    authorization.requireIdentity(caller);
    StorableText.checkTree("body", request.getJsonObject("participant"));
    RequestedParticipant requested = TeleconsultationJson.requestedParticipant(request.getJsonObject("participant"));
    String id = request.getString("id");
    return load(id).compose(t -> {
      authorization.checkChange(caller, t);
      refuseIfImmutable(t);
      if (t.participant(requested.userId()).isPresent()) {
        throw new DomainException(DomainException.Kind.CONFLICT,
            "Participant '" + requested.userId() + "' is already in teleconsultation " + id);
      }
      if (t.allParticipantsKnown()) {
        throw DomainException.invalid(
            "Teleconsultation " + id + " already has all its " + t.participantsNumber() + " participants");
      }
      return directory.spec(requested).compose(added -> {
        List<ParticipantSpec> specs = new ArrayList<>(t.specs());
        specs.add(added);
        return apply(t, new TeleconsultationPatch(null, specs, null, null, null), caller,
            "POST /teleconsultation/" + id + "/participants/data");
      });
    });
  }

  /**
   * @param request {@code {id, callerId, callerGroups}}. Allowed at any time, the immutable period included: an
   *     appointment can be cancelled.
   */
  Future<JsonObject> delete(JsonObject request) {
    CallerIdentity caller = TeleconsultationJson.caller(request);
    authorization.requireIdentity(caller);
    return delete(request.getString("id"), caller, 3);
  }

  /**
   * A concurrent change (or a double click) moved the version on: read again and delete that version; a
   * concurrent DELETE that won makes this one a 404, as for any deleted teleconsultation.
   */
  private Future<JsonObject> delete(String id, CallerIdentity caller, int attemptsLeft) {
    return deleteOnce(id, caller).recover(err -> attemptsLeft > 1
        && err instanceof ReplyException reply && reply.failureCode() == BusFailure.CONFLICT
        ? delete(id, caller, attemptsLeft - 1)
        : Future.failedFuture(err));
  }

  private Future<JsonObject> deleteOnce(String id, CallerIdentity caller) {
    return load(id).map(loaded -> {
      authorization.checkChange(caller, loaded);
      return loaded;
    }).compose(t -> bus
        .request(Addresses.STORE_TELECONSULTATION_DELETE, new JsonObject()
            .put("id", t.id()).put("version", t.version()).put("roomId", t.roomId()))
        // Stored as deleted (and the room queued for deletion, in the same transaction) before Kaleyra is asked:
        // no live teleconsultation can point to a room Kaleyra dropped, and a room Kaleyra keeps is retried.
        .onSuccess(deleted -> bus.publish(Addresses.EVENT_TELECONSULTATION_DELETED,
            new JsonObject().put("id", t.id()).put("roomId", t.roomId())))
        .compose(deleted -> t.roomId() == null ? Future.succeededFuture() : rooms.discard(t.roomId()))
        .map(done -> new JsonObject()));
  }

  private Future<JsonObject> apply(Teleconsultation before, TeleconsultationPatch patch, CallerIdentity caller,
      String failedRequest) {
    refuseIfImmutable(before);
    Roster roster = Roster.check(patch.number(before), patch.participants(before), privileges, failedRequest);
    Schedule schedule = patch.schedule(before.schedule());
    Map<String, Role> accountRoles = roster.accountRoles(authorization, caller, privileges);
    return accounts.ensure(roster.specs(), roster.roles(), accountRoles).compose(participants -> {
      RoomPlan plan = RoomPlan.of(before, roster.number(), participants, schedule, unlimited);
      Future<Rooms.Room> room = switch (plan) {
        case KEEP -> Future.succeededFuture(new Rooms.Room(before.roomId(), keepLinks(before, participants)));
        case CREATE, REPLACE -> rooms.create(before.id(), participants, schedule);
        case REMOVE -> Future.succeededFuture(new Rooms.Room(null, participants));
      };
      return room.compose(after -> store(
          new Teleconsultation(before.id(), roster.number(), schedule, after.roomId(), after.participants(), before.version()),
          before.roomId()));
    });
  }

  /** Stores the change, then removes whichever room nothing points to any more. */
  private Future<JsonObject> store(Teleconsultation after, String roomBefore) {
    String roomAfter = after.roomId();
    boolean newRoom = roomAfter != null && !roomAfter.equals(roomBefore);
    boolean oldRoomLeft = roomBefore != null && !roomBefore.equals(roomAfter);
    JsonObject change = TeleconsultationJson.toJson(after)
        .put("previousRoomId", roomBefore)
        .put("immutablePeriodMs", window.immutablePeriod().toMillis());
    return bus.request(Addresses.STORE_TELECONSULTATION_UPDATE, change)
        .recover(err -> newRoom ? rooms.abandon(roomAfter, err).transform(abandoned -> Future.failedFuture(err)) : Future.failedFuture(err))
        .onSuccess(stored -> bus.publish(Addresses.EVENT_TELECONSULTATION_UPDATED, new JsonObject()
            .put("id", after.id()).put("roomId", roomAfter).put("previousRoomId", roomBefore)))
        // The old room was queued in the update's transaction; this deletes it now if Kaleyra agrees.
        .compose(stored -> oldRoomLeft ? rooms.discard(roomBefore) : Future.succeededFuture())
        .map(done -> new JsonObject());
  }

  private void refuseIfImmutable(Teleconsultation t) {
    if (window.isImmutable(t.allParticipantsKnown(), t.schedule().start(), clock.instant())) {
      throw new DomainException(DomainException.Kind.CONFLICT, "Teleconsultation " + t.id()
          + " can no longer be changed: every participant is known and it starts at " + t.schedule().start()
          + " (changes end " + window.immutablePeriod().toMillis() + " ms before the start)");
    }
  }

  /** Participants keep the join links of the room they stay in. */
  private static List<Participant> keepLinks(Teleconsultation before, List<Participant> after) {
    Map<String, String> links = before.participants().stream()
        .filter(p -> p.link() != null)
        .collect(Collectors.toMap(Participant::userId, Participant::link));
    return after.stream().map(p -> p.withLink(links.get(p.userId()))).toList();
  }

  private Future<Teleconsultation> load(String id) {
    return bus.request(Addresses.STORE_TELECONSULTATION_GET, new JsonObject().put("id", id))
        .map(TeleconsultationJson::teleconsultation);
  }

  /** The schedule fields of a PATCH body; its participants are described by {@link ParticipantDirectory}. */
  private static TeleconsultationPatch patchOf(JsonObject body) {
    return new TeleconsultationPatch(
        null,
        null,
        TeleconsultationCreation.instant(body, "start_date"),
        TeleconsultationCreation.instant(body, "end_date"),
        body.getInteger("duration_in_seconds"));
  }
}
