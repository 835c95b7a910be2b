package io.teleconsultation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RoomDetailsCacheTest {

  static final JsonObject DETAILS = new JsonObject().put("status", "RUNNING");
  final RoomDetailsCache cache = new RoomDetailsCache(5_000);

  @Test
  void withinTheTtlDetailsAreFreshAndServedWithoutAskingKaleyra() {
    cache.put("room_1", DETAILS, 0);

    assertThat(cache.fresh("room_1", 4_999)).isEqualTo(DETAILS);
  }

  @Test
  void betweenOneAndTwoTtlsDetailsAreServedWhileARefreshRuns() {
    cache.put("room_1", DETAILS, 0);

    assertThat(cache.fresh("room_1", 5_000)).isNull();
    assertThat(cache.recent("room_1", 9_999)).isEqualTo(DETAILS);
    assertThat(cache.recent("room_1", 10_000)).isNull();
  }

  @Test
  void olderDetailsAreOnlyAFallbackWhenKaleyraFails() {
    cache.put("room_1", DETAILS, 0);

    assertThat(cache.stale("room_1", RoomDetailsCache.STALE_LIMIT_MS - 1)).isEqualTo(DETAILS);
    assertThat(cache.stale("room_1", RoomDetailsCache.STALE_LIMIT_MS)).isNull();
  }
}
