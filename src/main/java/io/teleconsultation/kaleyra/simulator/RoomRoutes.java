package io.teleconsultation.kaleyra.simulator;

import static io.teleconsultation.kaleyra.simulator.SimulatorJson.CALL_TYPE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.CALL_TYPES;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.CALL_TYPE_AUDIO_VIDEO;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.DESCRIPTION;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.DURATION;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.IS_ADMIN;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.LIVE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.NAME;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.PARTICIPANTS;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.RECORDING;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.RECORDING_MODES;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.RECORDING_NONE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.RECORDING_STATUS_STOPPED;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ROLE_PLUS;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ROOM_ID;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ROOM_STATUS_NOT_RUNNING;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.TOOLS;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.TOOL_NAMES;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.USER_ID;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.badRequest;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.notFound;

import io.teleconsultation.kaleyra.simulator.SimulatorState.Participant;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Room;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Upload;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/rooms} and the files uploaded in them during a call: docs/kaleyra.md, "Rooms".
 * Also the simulator-only {@code POST /simulator/rooms/{room_id}/uploads}.
 */
final class RoomRoutes {

  static final int MIN_PARTICIPANTS = 2;
  static final int MAX_PARTICIPANTS = 25;
  static final int MIN_DURATION_SECONDS = 60;
  private static final String UPLOAD_ID = "upload_id";

  private final SimulatorState state;
  private final Clock clock;
  private final SimulatorIds ids;
  private final String linkBaseUrl;

  RoomRoutes(SimulatorState state, Clock clock, SimulatorIds ids, String linkBaseUrl) {
    this.state = state;
    this.clock = clock;
    this.ids = ids;
    this.linkBaseUrl = linkBaseUrl;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.post("/v2/rooms").handler(jsonBody).handler(this::create);
    router.get("/v2/rooms/:room_id").handler(this::read);
    router.delete("/v2/rooms/:room_id").handler(this::delete);
    router.get("/v2/rooms/:room_id/uploads").handler(this::listUploads);
    router.delete("/v2/rooms/:room_id/uploads/:upload_id").handler(this::deleteUpload);
    // Simulator only, not part of Kaleyra's API: stands in for a participant sharing a file during a
    // call, so that demos and tests have an upload to list and delete.
    router.post("/simulator/rooms/:room_id/uploads").handler(jsonBody).handler(this::simulateUpload);
  }

  private void create(RoutingContext rc) {
    JsonBody body = JsonBody.of(rc);
    List<Participant> participants = participants(body);
    Integer duration = body.optionalInteger(DURATION).map(seconds -> {
      if (seconds < MIN_DURATION_SECONDS || seconds > Integer.MAX_VALUE) {
        throw badRequest(DURATION + " must be at least " + MIN_DURATION_SECONDS + " seconds");
      }
      return seconds.intValue();
    }).orElse(null);
    String recording = oneOf(body, RECORDING, RECORDING_MODES, RECORDING_NONE);
    String callType = oneOf(body, CALL_TYPE, CALL_TYPES, CALL_TYPE_AUDIO_VIDEO);
    boolean live = body.optionalBoolean(LIVE).orElse(false);
    String description = body.optionalString(DESCRIPTION).orElse(null);

    Room room = new Room(ids.roomId(), recording, RECORDING_STATUS_STOPPED, callType, description,
        ROOM_STATUS_NOT_RUNNING, false, now(), duration, 0, live, participants);
    state.addRoom(room);
    SimulatorReplies.json(rc, 201, SimulatorJson.createdRoom(room));
  }

  /** The participants in request order, checked against the rules Kaleyra enforces. */
  private List<Participant> participants(JsonBody body) {
    JsonArray list = body.optionalArray(PARTICIPANTS)
        .orElseThrow(() -> badRequest(PARTICIPANTS + " is required"));
    if (list.size() < MIN_PARTICIPANTS || list.size() > MAX_PARTICIPANTS) {
      throw badRequest("a room needs " + MIN_PARTICIPANTS + " to " + MAX_PARTICIPANTS
          + " participants, got " + list.size());
    }
    List<Participant> participants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object element : list) {
      if (!(element instanceof JsonObject json)) {
        throw badRequest("each participant must be an object");
      }
      JsonBody participant = JsonBody.of(json);
      String userId = participant.requiredString(USER_ID);
      if (!seen.add(userId)) {
        throw badRequest("duplicate participant user_id: " + userId);
      }
      if (state.user(userId).isEmpty()) {
        throw badRequest("unknown user_id: " + userId);
      }
      boolean isAdmin = participant.optionalBoolean(IS_ADMIN).orElse(false);
      Map<String, Boolean> tools = tools(participant, userId);
      participants.add(new Participant(userId, isAdmin, linkBaseUrl + ids.joinCode(), tools));
    }
    boolean anyPlus = participants.stream()
        .anyMatch(p -> state.user(p.userId()).map(u -> ROLE_PLUS.equals(u.role())).orElse(false));
    if (!anyPlus) {
      throw badRequest("at least one participant must be a plus user");
    }
    return participants;
  }

  /** A missing {@code tools} key enables every tool; an object enables only the tools set to true in it. */
  private static Map<String, Boolean> tools(JsonBody participant, String userId) {
    Map<String, Boolean> tools = new LinkedHashMap<>();
    if (!participant.has(TOOLS)) {
      TOOL_NAMES.forEach(name -> tools.put(name, true));
      return tools;
    }
    JsonObject requested = participant.optionalObject(TOOLS).orElseThrow();
    for (String name : requested.fieldNames()) {
      if (!TOOL_NAMES.contains(name)) {
        throw badRequest("unknown tool " + name + " for participant " + userId + "; tools are " + TOOL_NAMES);
      }
      if (!(requested.getValue(name) instanceof Boolean)) {
        throw badRequest("tool " + name + " of participant " + userId + " must be true or false");
      }
    }
    TOOL_NAMES.forEach(name -> tools.put(name, requested.getBoolean(name, false)));
    return tools;
  }

  private static String oneOf(JsonBody body, String field, List<String> allowed, String byDefault) {
    String value = body.optionalString(field).orElse(byDefault);
    if (!allowed.contains(value)) {
      throw badRequest(field + " must be one of " + allowed);
    }
    return value;
  }

  private void read(RoutingContext rc) {
    SimulatorReplies.json(rc, 200, SimulatorJson.room(existing(rc.pathParam(ROOM_ID))));
  }

  private void delete(RoutingContext rc) {
    String roomId = rc.pathParam(ROOM_ID);
    if (!state.removeRoom(roomId)) {
      throw roomNotFound(roomId);
    }
    SimulatorReplies.noContent(rc);
  }

  private void listUploads(RoutingContext rc) {
    String roomId = rc.pathParam(ROOM_ID);
    List<Upload> uploads = state.uploads(roomId).orElseThrow(() -> roomNotFound(roomId));
    // Paginated like every Kaleyra v2 list (docs/kaleyra.md, "Lists").
    int offset = Math.min(uploads.size(), Math.max(0, queryInt(rc, "offset", 0)));
    int limit = Math.max(1, queryInt(rc, "limit", 100));
    SimulatorReplies.json(rc, 200, SimulatorJson.uploads(uploads.subList(offset, Math.min(uploads.size(), offset + limit))));
  }

  private static int queryInt(RoutingContext rc, String name, int fallback) {
    String value = rc.queryParams().get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void deleteUpload(RoutingContext rc) {
    String roomId = rc.pathParam(ROOM_ID);
    String uploadId = rc.pathParam(UPLOAD_ID);
    existing(roomId);
    if (!state.removeUpload(roomId, uploadId)) {
      throw notFound("upload " + uploadId + " not found in room " + roomId);
    }
    SimulatorReplies.noContent(rc);
  }

  private void simulateUpload(RoutingContext rc) {
    String roomId = rc.pathParam(ROOM_ID);
    existing(roomId);
    String name = JsonBody.of(rc).requiredString(NAME);
    if (name.isBlank()) {
      throw badRequest(NAME + " must not be blank");
    }
    Upload upload = new Upload(ids.uploadId(), name, now());
    state.addUpload(roomId, upload);
    SimulatorReplies.json(rc, 201, SimulatorJson.upload(upload));
  }

  private Room existing(String roomId) {
    return state.room(roomId).orElseThrow(() -> roomNotFound(roomId));
  }

  private static RuntimeException roomNotFound(String roomId) {
    return notFound("room " + roomId + " not found");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
