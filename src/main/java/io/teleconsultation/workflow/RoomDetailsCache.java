package io.teleconsultation.workflow;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Room details as Kaleyra last reported them, one cache per node, shared by every instance of the use-case verticle
 * ({@code HTTP_INSTANCES}) with the Kaleyra calls under way ({@link #refreshes()}): however many instances and
 * pollers, a room costs one Kaleyra call per TTL on a node. The frontend polls GET while it waits; without this
 * every poll would call Kaleyra. Details younger than the TTL are served as they are; older ones only when Kaleyra fails
 * (stale beats nothing while the circuit is open), and up to twice the TTL while a background refresh runs. Room
 * ids change whenever a room is replaced, so an entry never describes another room: staleness is bounded by twice
 * the TTL plus one Kaleyra call, and concerns only Kaleyra's status fields.
 */
public final class RoomDetailsCache {

  /** Kept at most this long, for use when Kaleyra fails. */
  static final long STALE_LIMIT_MS = 10 * 60 * 1000;
  private static final int MAX_ENTRIES = 10_000;

  record Entry(JsonObject details, long fetchedAtMs) {}

  private final long ttlMs;
  // Read and written from several event loops: every access holds its lock (an access-ordered map changes on get).
  private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private final SingleFlight<RoomReport> refreshes = new SingleFlight<>();

  public RoomDetailsCache(long ttlMs) {
    this.ttlMs = ttlMs;
  }

  /** The Kaleyra calls for room details under way on this node, by room id. */
  SingleFlight<RoomReport> refreshes() {
    return refreshes;
  }

  /** Details fresh enough to serve without asking Kaleyra, or null. */
  synchronized JsonObject fresh(String roomId, long nowMs) {
    Entry entry = entries.get(roomId);
    return entry != null && nowMs - entry.fetchedAtMs() < ttlMs ? entry.details() : null;
  }

  /**
   * Details older than the TTL but younger than twice it, or null: served at once while one refresh runs in the
   * background, so that polling clients never queue behind Kaleyra for a room seen moments ago.
   */
  synchronized JsonObject recent(String roomId, long nowMs) {
    Entry entry = entries.get(roomId);
    return entry != null && nowMs - entry.fetchedAtMs() < 2 * ttlMs ? entry.details() : null;
  }

  /** The last details known, if not older than {@link #STALE_LIMIT_MS}, or null. */
  synchronized JsonObject stale(String roomId, long nowMs) {
    Entry entry = entries.get(roomId);
    return entry != null && nowMs - entry.fetchedAtMs() < STALE_LIMIT_MS ? entry.details() : null;
  }

  synchronized void put(String roomId, JsonObject details, long nowMs) {
    entries.put(roomId, new Entry(details, nowMs));
  }

  synchronized void remove(String roomId) {
    entries.remove(roomId);
  }
}
