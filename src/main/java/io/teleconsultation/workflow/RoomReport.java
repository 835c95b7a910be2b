package io.teleconsultation.workflow;

import io.vertx.core.json.JsonObject;

/**
 * What Kaleyra says of a stored room: its details (null when there is no room, when Kaleyra does not know it, or
 * when it cannot be asked and nothing is cached), and whether Kaleyra has just answered that it does not know it.
 */
record RoomReport(JsonObject details, boolean missing) {
  static final RoomReport NONE = new RoomReport(null, false);
}
