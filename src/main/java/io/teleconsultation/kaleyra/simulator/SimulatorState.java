package io.teleconsultation.kaleyra.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Kaleyra simulator remembers: users, rooms and their uploads, the company and its
 * virtual backgrounds. Plain values only, no HTTP and no JSON, so that it can be persisted or
 * pre-filled on its own.
 *
 * <p>Not thread-safe on purpose: one simulator verticle owns one state and only touches it from its
 * event loop. Every change calls the {@linkplain #onChange listener}, which is how the state gets
 * saved to {@code DATA_DIR} ({@link SimulatorStateFile}).
 */
public final class SimulatorState {

  public record User(String id, String role, String language) {
    public User {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(language, "language");
    }
  }

  /** One participant of a room, with the tools (by Kaleyra tool name) switched on or off. */
  public record Participant(String userId, boolean isAdmin, String link, Map<String, Boolean> tools) {
    public Participant {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(link, "link");
      tools = Map.copyOf(tools);
    }
  }

  /**
   * A room as Kaleyra describes it.
   *
   * @param description     {@code null} when the creator sent none
   * @param durationSeconds {@code null} for a room without a time limit
   */
  public record Room(String roomId, String recording, String recordingStatus, String callType,
                     String description, String status, boolean disabled, Instant creationDate,
                     Integer durationSeconds, int durationUsedSeconds, boolean live,
                     List<Participant> participants) {
    public Room {
      Objects.requireNonNull(roomId, "roomId");
      Objects.requireNonNull(creationDate, "creationDate");
      participants = List.copyOf(participants);
    }
  }

  /** A file a participant uploaded during a call. */
  public record Upload(String id, String name, Instant creationDate) {}

  /** An uploaded virtual background; the simulator keeps only its size, never its bytes. */
  public record Background(String alias, String url, Instant creationDate, long sizeBytes) {}

  /** @param defaultBackground {@code null} when the company has none */
  public record Company(String name, String defaultLanguage, Background defaultBackground,
                        String endCallRedirectUrl, int endCallRedirectTimeoutMs,
                        String userDetailsProviderUrl) {

    /** The company a fresh simulator starts with. */
    public static Company initial() {
      return new Company("Simulated Company", "en", null, "", 5_000, "");
    }
  }

  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Room> rooms = new LinkedHashMap<>();
  private final Map<String, Map<String, Upload>> uploadsByRoom = new LinkedHashMap<>();
  private final Map<String, Background> backgrounds = new LinkedHashMap<>();
  private Company company = Company.initial();
  private Runnable changeListener = () -> { };

  /** Called after every change (not after a refused one), on the thread that made it. */
  public void onChange(Runnable listener) {
    this.changeListener = Objects.requireNonNull(listener, "listener");
  }

  private void changed() {
    changeListener.run();
  }

  // ---- users

  public Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  /** @return {@code false}, changing nothing, when a user with this id exists already */
  public boolean addUser(User user) {
    boolean added = users.putIfAbsent(user.id(), user) == null;
    if (added) {
      changed();
    }
    return added;
  }

  /** @return {@code false} when there is no user with this id */
  public boolean replaceUser(User user) {
    boolean replaced = users.replace(user.id(), user) != null;
    if (replaced) {
      changed();
    }
    return replaced;
  }

  public Collection<User> users() {
    return List.copyOf(users.values());
  }

  // ---- rooms

  public Optional<Room> room(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  public void addRoom(Room room) {
    if (rooms.putIfAbsent(room.roomId(), room) != null) {
      throw new IllegalStateException("room id collision: " + room.roomId());
    }
    uploadsByRoom.put(room.roomId(), new LinkedHashMap<>());
    changed();
  }

  /** Removes the room and its uploads. @return {@code false} when there was no such room */
  public boolean removeRoom(String roomId) {
    uploadsByRoom.remove(roomId);
    boolean removed = rooms.remove(roomId) != null;
    if (removed) {
      changed();
    }
    return removed;
  }

  public Collection<Room> rooms() {
    return List.copyOf(rooms.values());
  }

  // ---- uploads

  /** @return the room's uploads, oldest first, or empty when there is no such room */
  public Optional<List<Upload>> uploads(String roomId) {
    return Optional.ofNullable(uploadsByRoom.get(roomId)).map(byId -> new ArrayList<>(byId.values()));
  }

  /** @return {@code false} when there is no such room */
  public boolean addUpload(String roomId, Upload upload) {
    Map<String, Upload> byId = uploadsByRoom.get(roomId);
    if (byId == null) {
      return false;
    }
    byId.put(upload.id(), upload);
    changed();
    return true;
  }

  /** @return {@code false} when there is no such room or no such upload in it */
  public boolean removeUpload(String roomId, String uploadId) {
    Map<String, Upload> byId = uploadsByRoom.get(roomId);
    boolean removed = byId != null && byId.remove(uploadId) != null;
    if (removed) {
      changed();
    }
    return removed;
  }

  // ---- company and backgrounds

  public Company company() {
    return company;
  }

  public void replaceCompany(Company company) {
    this.company = Objects.requireNonNull(company, "company");
    changed();
  }

  public Optional<Background> background(String alias) {
    return Optional.ofNullable(backgrounds.get(alias));
  }

  public void addBackground(Background background) {
    backgrounds.put(background.alias(), background);
    changed();
  }

  public Collection<Background> backgrounds() {
    return List.copyOf(backgrounds.values());
  }
}
