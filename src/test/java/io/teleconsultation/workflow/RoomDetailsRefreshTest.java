package io.teleconsultation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How GET (the bus address {@code teleconsultation.join}) refreshes a room's details, with the persistence and
 * Kaleyra verticles played by consumers of their addresses.
 */
class RoomDetailsRefreshTest {

  static final String ID = UUID.randomUUID().toString();
  static final String ROOM = "room_refresh_1";
  static final String CALLER = "patient-1";

  Vertx vertx;
  final AtomicInteger kaleyraCalls = new AtomicInteger();

  @BeforeEach
  void deployTheUseCases() {
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(Addresses.STORE_TELECONSULTATION_GET, message -> message.reply(stored()));
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject()
        .put(ServiceConfig.ROOM_DETAILS_TTL_MS, 60_000)).await();
    // As MainVerticle deploys them: several instances sharing the node's room details cache.
    RoomDetailsCache shared = new RoomDetailsCache(config.roomDetailsTtlMs());
    vertx.deployVerticle(() -> new TeleconsultationVerticle(shared),
        new DeploymentOptions().setConfig(config.raw()).setInstances(3)).await();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aKaleyraRequestThatFailsAtOnceDoesNotStopLaterRefreshesOfTheRoom() {
    // No Kaleyra verticle yet: the request for the room's details fails at once (no consumer on the bus).
    JsonObject first = join();
    assertThat(first.getValue("details")).isNull();

    vertx.eventBus().<JsonObject>consumer(Addresses.KALEYRA_ROOM_GET, this::roomDetails);
    JsonObject second = join();

    assertThat(kaleyraCalls).hasValue(1);
    assertThat(second.getJsonObject("details")).isEqualTo(new JsonObject().put("id", ROOM).put("status", "ACTIVE"));
  }

  @Test
  void manyPollersOfOneRoomOnSeveralInstancesMakeOneKaleyraCallPerTtl() {
    vertx.eventBus().<JsonObject>consumer(Addresses.KALEYRA_ROOM_GET,
        message -> vertx.setTimer(50, t -> roomDetails(message)));

    io.vertx.core.Future.all(java.util.stream.IntStream.range(0, 20)
        .mapToObj(i -> vertx.eventBus().<JsonObject>request(Addresses.TELECONSULTATION_JOIN, joinRequest()))
        .toList()).await();
    join();

    assertThat(kaleyraCalls).hasValue(1);
  }

  private void roomDetails(Message<JsonObject> message) {
    kaleyraCalls.incrementAndGet();
    message.reply(new JsonObject().put("id", message.body().getString("roomId")).put("status", "ACTIVE"));
  }

  private JsonObject join() {
    return vertx.eventBus().<JsonObject>request(Addresses.TELECONSULTATION_JOIN, joinRequest()).await().body();
  }

  private static JsonObject joinRequest() {
    return new JsonObject().put("id", ID).put("callerId", CALLER).put("language", null).put("useBackground", false);
  }

  private static JsonObject stored() {
    Instant start = Instant.now().minusSeconds(3600);
    return new JsonObject()
        .put("id", ID)
        .put("participantsNumber", 1)
        .put("startDate", start.toString())
        .put("endDate", start.plusSeconds(7200).toString())
        .put("durationInSeconds", 7200)
        .put("roomId", ROOM)
        .put("participants", new JsonArray().add(new JsonObject()
            .put("userId", CALLER)
            .put("groups", new JsonArray().add("patient"))
            .put("fullName", "A Patient")
            .put("language", "it")
            .put("kaleyraUserId", "kaleyra_patient_1")
            .put("role", "basic")
            .put("link", "https://example.invalid/join/patient-1")))
        .put("version", 1);
  }
}
