package io.teleconsultation.bus;

import io.teleconsultation.domain.CallerIdentity;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.RequestedParticipant;
import io.teleconsultation.domain.Role;
import io.teleconsultation.domain.Schedule;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of teleconsultations and participants on the event bus (docs/event-bus.md). Field names are
 * camelCase; instants are ISO-8601 UTC strings.
 */
public final class TeleconsultationJson {

  private TeleconsultationJson() {}

  public static JsonObject toJson(Teleconsultation t) {
    return new JsonObject()
        .put("id", t.id())
        .put("participantsNumber", t.participantsNumber())
        .put("startDate", t.schedule().start().toString())
        .put("endDate", t.schedule().end().toString())
        .put("durationInSeconds", t.schedule().requestedDurationSeconds())
        .put("roomId", t.roomId())
        .put("participants", new JsonArray(t.participants().stream().map(TeleconsultationJson::toJson).toList()))
        .put("version", t.version());
  }

  public static Teleconsultation teleconsultation(JsonObject json) {
    Schedule schedule = new Schedule(
        Instant.parse(json.getString("startDate")),
        Instant.parse(json.getString("endDate")),
        json.getInteger("durationInSeconds"));
    List<Participant> participants = json.getJsonArray("participants").stream()
        .map(JsonObject.class::cast)
        .map(TeleconsultationJson::participant)
        .toList();
    return new Teleconsultation(
        json.getString("id"),
        json.getInteger("participantsNumber"),
        schedule,
        json.getString("roomId"),
        participants,
        json.getInteger("version", 0));
  }

  public static JsonObject toJson(Participant p) {
    return new JsonObject()
        .put("userId", p.userId())
        .put("groups", new JsonArray(p.groups()))
        .put("fullName", p.fullName())
        .put("language", p.language())
        .put("kaleyraUserId", p.kaleyraUserId())
        .put("role", p.role().wireName())
        .put("link", p.link());
  }

  public static Participant participant(JsonObject json) {
    return new Participant(
        json.getString("userId"),
        strings(json.getJsonArray("groups")),
        json.getString("fullName"),
        json.getString("language"),
        json.getString("kaleyraUserId"),
        Role.fromWireName(json.getString("role")),
        json.getString("link"));
  }

  /** A participant as the public API describes it ({@code userId, groups, fullName, language}). */
  public static ParticipantSpec participantSpec(JsonObject json) {
    return new ParticipantSpec(
        json.getString("userId"),
        strings(json.getJsonArray("groups", new JsonArray())),
        json.getString("fullName"),
        json.getString("language"));
  }

  /**
   * The caller a use-case message names ({@code callerId}: the identity header, null without one;
   * {@code callerGroups}: the groups header), as the HTTP edge read them from the gateway's headers.
   */
  public static CallerIdentity caller(JsonObject message) {
    return new CallerIdentity(message.getString("callerId"),
        strings(message.getJsonArray("callerGroups", new JsonArray())));
  }

  /** Participants as a request gives them: the full form's {@code data}, ids with a language, or bare ids. */
  public record RequestedParticipants(int number, List<RequestedParticipant> data) {}

  /**
   * The {@code participants} of a POST or PATCH body, in any of its three forms (openapi.yaml): {@code {number, data}}
   * with full participants, {@code {number, data}} with {@code {userId, language?}} only, or a plain array of user
   * ids, whose length is then the number.
   */
  public static RequestedParticipants requestedParticipants(Object participants) {
    if (participants instanceof JsonArray ids) {
      return new RequestedParticipants(ids.size(),
          ids.stream().map(String::valueOf).map(RequestedParticipant::idOnly).toList());
    }
    JsonObject object = (JsonObject) participants;
    return new RequestedParticipants(object.getInteger("number"), object.getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .map(TeleconsultationJson::requestedParticipant)
        .toList());
  }

  /** One participant of a request, with or without {@code groups} and {@code fullName}. */
  public static RequestedParticipant requestedParticipant(JsonObject json) {
    JsonArray groups = json.getJsonArray("groups");
    return new RequestedParticipant(
        json.getString("userId"),
        groups == null ? null : strings(groups),
        json.getString("fullName"),
        json.getString("language"));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
