package io.teleconsultation.kaleyra.simulator;

import io.teleconsultation.kaleyra.simulator.SimulatorState.Background;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Company;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Participant;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Room;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Upload;
import io.teleconsultation.kaleyra.simulator.SimulatorState.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Kaleyra v2 wire format as the simulator speaks it: field names, enumerated values and one
 * mapper per response body (docs/kaleyra.md).
 */
final class SimulatorJson {

  // ---- field names
  static final String ERROR = "error";
  static final String ID = "id";
  static final String ROLE = "role";
  static final String LANGUAGE = "language";
  static final String ALLOW_CAMERA = "allow_camera";
  static final String USER_ID = "user_id";
  static final String IS_ADMIN = "is_admin";
  static final String LINK = "link";
  static final String TOOLS = "tools";
  static final String PARTICIPANTS = "participants";
  static final String ROOM_ID = "room_id";
  static final String RECORDING = "recording";
  static final String RECORDING_STATUS = "recording_status";
  static final String CALL_TYPE = "call_type";
  static final String DESCRIPTION = "description";
  static final String STATUS = "status";
  static final String DISABLED = "disabled";
  static final String CREATION_DATE = "creation_date";
  static final String DURATION = "duration";
  static final String DURATION_USED = "duration_used";
  static final String LIVE = "live";
  static final String UPLOADS = "uploads";
  static final String NAME = "name";
  static final String EXPIRES_IN = "expires_in";
  static final String ACCESS_TOKEN = "access_token";
  static final String EXPIRES_AT = "expires_at";
  static final String DEFAULT_LANGUAGE = "default_language";
  static final String DEFAULT_BACKGROUND = "default_background";
  static final String ALIAS = "alias";
  static final String URL = "url";
  static final String BACKGROUND_ALIAS = "background_alias";
  static final String END_CALL_REDIRECT_URL = "end_call_redirect_url";
  static final String END_CALL_REDIRECT_TIMEOUT_MS = "end_call_redirect_timeout_ms";
  static final String USER_DETAILS_PROVIDER_URL = "user_details_provider_url";
  /** The multipart part that carries a virtual background image. */
  static final String FILE_PART = "file";

  // ---- enumerated values
  static final String ROLE_PLUS = "plus";
  static final String ROLE_BASIC = "basic";
  static final List<String> ROLES = List.of(ROLE_PLUS, ROLE_BASIC);
  static final String RECORDING_NONE = "none";
  static final List<String> RECORDING_MODES = List.of(RECORDING_NONE, "manual", "automatic");
  static final String RECORDING_STATUS_STOPPED = "stopped";
  static final String CALL_TYPE_AUDIO_VIDEO = "audio_video";
  static final List<String> CALL_TYPES = List.of(CALL_TYPE_AUDIO_VIDEO, "audio_upgradable", "audio_only");
  static final String ROOM_STATUS_NOT_RUNNING = "NOT_RUNNING";
  /** A participant without a {@code tools} key gets all of these switched on. */
  static final List<String> TOOL_NAMES = List.of("chat", "screen_sharing", "file_upload", "whiteboard",
      "snapshot", "live_edit", "live_pointer", "present_to_everyone");

  /** Kaleyra's date format: ISO 8601 in UTC, always with milliseconds ({@code Instant.toString} drops them at .000). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SimulatorJson() {}

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  static JsonObject error(String message) {
    return new JsonObject().put(ERROR, message);
  }

  static JsonObject user(User user) {
    return new JsonObject()
        .put(ID, user.id())
        .put(ROLE, user.role())
        .put(LANGUAGE, user.language())
        .put(ALLOW_CAMERA, true);
  }

  /** The answer to {@code POST /rooms}: the room id and each participant's join link, in request order. */
  static JsonObject createdRoom(Room room) {
    JsonArray participants = new JsonArray();
    for (Participant participant : room.participants()) {
      participants.add(new JsonObject()
          .put(USER_ID, participant.userId())
          .put(IS_ADMIN, participant.isAdmin())
          .put(LINK, participant.link()));
    }
    return new JsonObject().put(ROOM_ID, room.roomId()).put(PARTICIPANTS, participants);
  }

  /** The answer to {@code GET /rooms/{room_id}}. */
  static JsonObject room(Room room) {
    return new JsonObject()
        .put(ROOM_ID, room.roomId())
        .put(RECORDING, room.recording())
        .put(RECORDING_STATUS, room.recordingStatus())
        .put(CALL_TYPE, room.callType())
        .put(DESCRIPTION, room.description())
        .put(STATUS, room.status())
        .put(DISABLED, room.disabled())
        .put(CREATION_DATE, timestamp(room.creationDate()))
        .put(DURATION, room.durationSeconds())
        .put(DURATION_USED, room.durationUsedSeconds())
        .put(LIVE, room.live());
  }

  static JsonObject uploads(List<Upload> uploads) {
    JsonArray list = new JsonArray();
    uploads.forEach(upload -> list.add(upload(upload)));
    return new JsonObject().put(UPLOADS, list);
  }

  static JsonObject upload(Upload upload) {
    return new JsonObject()
        .put(ID, upload.id())
        .put(NAME, upload.name())
        .put(CREATION_DATE, timestamp(upload.creationDate()));
  }

  /** The answer to {@code POST /company/virtual_backgrounds}. */
  static JsonObject uploadedBackground(Background background) {
    return new JsonObject()
        .put(BACKGROUND_ALIAS, background.alias())
        .put(URL, background.url())
        .put(CREATION_DATE, timestamp(background.creationDate()));
  }

  static JsonObject company(Company company) {
    Background background = company.defaultBackground();
    return new JsonObject()
        .put(NAME, company.name())
        .put(DEFAULT_LANGUAGE, company.defaultLanguage())
        .put(DEFAULT_BACKGROUND, background == null ? null : new JsonObject()
            .put(ALIAS, background.alias())
            .put(URL, background.url())
            .put(CREATION_DATE, timestamp(background.creationDate())))
        .put(END_CALL_REDIRECT_URL, company.endCallRedirectUrl())
        .put(END_CALL_REDIRECT_TIMEOUT_MS, company.endCallRedirectTimeoutMs())
        .put(USER_DETAILS_PROVIDER_URL, company.userDetailsProviderUrl());
  }
}
