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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulator's state as it is saved in {@code DATA_DIR/kaleyra-simulator.json}: our own format (camelCase,
 * {@code "format": 1}), not Kaleyra's wire format, so that it can keep what Kaleyra never shows (join links,
 * tools, upload sizes).
 *
 * <p>Background URLs are not saved: they contain the simulator's port, which is a new free one at every start,
 * so they are rebuilt from the alias when the state is read back.
 */
final class SimulatorStateJson {

  static final int FORMAT = 1;

  private SimulatorStateJson() {}

  static JsonObject toJson(SimulatorState state) {
    JsonArray users = new JsonArray();
    state.users().forEach(user -> users.add(new JsonObject()
        .put("id", user.id()).put("role", user.role()).put("language", user.language())));
    JsonArray rooms = new JsonArray();
    state.rooms().forEach(room -> rooms.add(room(room, state.uploads(room.roomId()).orElse(List.of()))));
    JsonArray backgrounds = new JsonArray();
    state.backgrounds().forEach(background -> backgrounds.add(new JsonObject()
        .put("alias", background.alias())
        .put("creationDate", background.creationDate().toString())
        .put("sizeBytes", background.sizeBytes())));
    Company company = state.company();
    return new JsonObject()
        .put("format", FORMAT)
        .put("users", users)
        .put("rooms", rooms)
        .put("backgrounds", backgrounds)
        .put("company", new JsonObject()
            .put("name", company.name())
            .put("defaultLanguage", company.defaultLanguage())
            .put("defaultBackgroundAlias", company.defaultBackground() == null ? null : company.defaultBackground().alias())
            .put("endCallRedirectUrl", company.endCallRedirectUrl())
            .put("endCallRedirectTimeoutMs", company.endCallRedirectTimeoutMs())
            .put("userDetailsProviderUrl", company.userDetailsProviderUrl()));
  }

  private static JsonObject room(Room room, List<Upload> uploads) {
    JsonArray participants = new JsonArray();
    room.participants().forEach(p -> participants.add(new JsonObject()
        .put("userId", p.userId())
        .put("isAdmin", p.isAdmin())
        .put("link", p.link())
        .put("tools", new JsonObject(new LinkedHashMap<>(p.tools())))));
    JsonArray savedUploads = new JsonArray();
    uploads.forEach(upload -> savedUploads.add(new JsonObject()
        .put("id", upload.id()).put("name", upload.name()).put("creationDate", upload.creationDate().toString())));
    return new JsonObject()
        .put("roomId", room.roomId())
        .put("recording", room.recording())
        .put("recordingStatus", room.recordingStatus())
        .put("callType", room.callType())
        .put("description", room.description())
        .put("status", room.status())
        .put("disabled", room.disabled())
        .put("creationDate", room.creationDate().toString())
        .put("durationSeconds", room.durationSeconds())
        .put("durationUsedSeconds", room.durationUsedSeconds())
        .put("live", room.live())
        .put("participants", participants)
        .put("uploads", savedUploads);
  }

  /**
   * Adds what {@code json} holds to {@code state}.
   *
   * @param backgroundUrl the URL a background with this alias is served at by the running simulator
   * @throws IllegalArgumentException when the JSON is not in this format
   */
  static void restore(JsonObject json, SimulatorState state, Function<String, String> backgroundUrl) {
    if (json.getInteger("format", -1) != FORMAT) {
      throw new IllegalArgumentException("unknown format " + json.getValue("format") + ", expected " + FORMAT);
    }
    for (JsonObject user : objects(json, "users")) {
      state.addUser(new User(user.getString("id"), user.getString("role"), user.getString("language")));
    }
    for (JsonObject room : objects(json, "rooms")) {
      state.addRoom(room(room));
      for (JsonObject upload : objects(room, "uploads")) {
        state.addUpload(room.getString("roomId"), new Upload(
            upload.getString("id"), upload.getString("name"), Instant.parse(upload.getString("creationDate"))));
      }
    }
    for (JsonObject background : objects(json, "backgrounds")) {
      String alias = background.getString("alias");
      state.addBackground(new Background(alias, backgroundUrl.apply(alias),
          Instant.parse(background.getString("creationDate")), background.getLong("sizeBytes")));
    }
    JsonObject company = json.getJsonObject("company");
    if (company != null) {
      String alias = company.getString("defaultBackgroundAlias");
      state.replaceCompany(new Company(
          company.getString("name"),
          company.getString("defaultLanguage"),
          alias == null ? null : state.background(alias).orElse(null),
          company.getString("endCallRedirectUrl"),
          company.getInteger("endCallRedirectTimeoutMs"),
          company.getString("userDetailsProviderUrl")));
    }
  }

  private static Room room(JsonObject room) {
    List<Participant> participants = objects(room, "participants").stream()
        .map(p -> new Participant(p.getString("userId"), p.getBoolean("isAdmin"), p.getString("link"), tools(p)))
        .toList();
    return new Room(
        room.getString("roomId"),
        room.getString("recording"),
        room.getString("recordingStatus"),
        room.getString("callType"),
        room.getString("description"),
        room.getString("status"),
        room.getBoolean("disabled"),
        Instant.parse(room.getString("creationDate")),
        room.getInteger("durationSeconds"),
        room.getInteger("durationUsedSeconds"),
        room.getBoolean("live"),
        participants);
  }

  private static Map<String, Boolean> tools(JsonObject participant) {
    Map<String, Boolean> tools = new LinkedHashMap<>();
    participant.getJsonObject("tools", new JsonObject()).forEach(tool -> tools.put(tool.getKey(), (Boolean) tool.getValue()));
    return tools;
  }

  private static List<JsonObject> objects(JsonObject json, String field) {
    return json.getJsonArray(field, new JsonArray()).stream().map(JsonObject.class::cast).toList();
  }
}
