package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.bus.TeleconsultationJson.RequestedParticipants;
import io.teleconsultation.observability.RequestContext;
import io.teleconsultation.domain.CallerIdentity;
import io.teleconsultation.domain.ChangeAuthorization;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.Schedule;
import io.teleconsultation.domain.StorableText;
import io.teleconsultation.domain.Teleconsultation;
import io.teleconsultation.domain.TeleconsultationId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * POST /teleconsultation: validate everything first, who asks included (so a refused request touches neither
 * Kaleyra nor the database), with the participants described by the request or, in the user-directory mode, by the
 * directory; map participants to Kaleyra users, create the room when every participant is known, then store.
 * If storing fails, the room just created is deleted again.
 */
final class TeleconsultationCreation {

  private final BusClient bus;
  private final Privileges privileges;
  private final KaleyraAccounts accounts;
  private final Rooms rooms;
  private final ParticipantDirectory directory;
  private final ChangeAuthorization authorization;

  TeleconsultationCreation(BusClient bus, Privileges privileges, KaleyraAccounts accounts, Rooms rooms,
      ParticipantDirectory directory, ChangeAuthorization authorization) {
    this.bus = bus;
    this.privileges = privileges;
    this.accounts = accounts;
    this.rooms = rooms;
    this.directory = directory;
    this.authorization = authorization;
  }

  /** @param request {@code {body, callerId, callerGroups}}: body is the POST body as the API received it */
  Future<JsonObject> create(JsonObject request) {
    CallerIdentity caller = TeleconsultationJson.caller(request);
    authorization.requireIdentity(caller);
    JsonObject body = request.getJsonObject("body");
    StorableText.checkTree("body", body);
    RequestedParticipants requested = TeleconsultationJson.requestedParticipants(body.getValue("participants"));
    Schedule schedule = Schedule.of(
        instant(body, "start_date"), instant(body, "end_date"), body.getInteger("duration_in_seconds"));
    return directory.specs(requested).compose(specs -> create(caller, requested.number(), specs, schedule));
  }

  private Future<JsonObject> create(CallerIdentity caller, int number, List<ParticipantSpec> specs, Schedule schedule) {
    Roster roster = Roster.check(number, specs, privileges, "POST /teleconsultation");
    authorization.checkCreation(caller, roster.roles());
    String id = TeleconsultationId.newId();
    RequestContext.setTeleconsultationId(id);
    return accounts.ensure(specs, roster.roles(), roster.accountRoles(authorization, caller, privileges))
        .compose(participants -> roster.complete()
            ? rooms.create(id, participants, schedule)
            : Future.succeededFuture(new Rooms.Room(null, participants)))
        .compose(room -> store(new Teleconsultation(id, number, schedule, room.roomId(), room.participants(), 0))
            .onSuccess(stored -> bus.publish(Addresses.EVENT_TELECONSULTATION_CREATED,
                new JsonObject().put("id", id).put("roomId", room.roomId()))))
        .map(stored -> new JsonObject().put("roomId", id));
  }

  private Future<Void> store(Teleconsultation teleconsultation) {
    return bus.request(Addresses.STORE_TELECONSULTATION_INSERT, TeleconsultationJson.toJson(teleconsultation))
        .<Void>mapEmpty()
        .recover(err -> teleconsultation.roomId() == null
            ? Future.failedFuture(err)
            : rooms.abandon(teleconsultation.roomId(), err).transform(abandoned -> Future.failedFuture(err)));
  }

  static Instant instant(JsonObject body, String field) {
    String value = body.getString(field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(field + " must be an ISO 8601 date-time such as 2030-02-22T15:30:00.000Z");
    }
  }
}
