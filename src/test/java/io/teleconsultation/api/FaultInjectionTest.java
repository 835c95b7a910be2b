package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.bus.Addresses;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kaleyra call of every operation, failing in every way we know: too slow, 500, 429 with Retry-After,
 * connection reset, malformed JSON, empty body. Whatever the client gets (never a 500), afterwards the invariant
 * holds: every stored teleconsultation with a room points to a live Kaleyra room, every live Kaleyra room is
 * stored or queued for cleanup, and once the reaper has run no room is orphaned.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class FaultInjectionTest {

  static final int KALEYRA_TIMEOUT_MS = 800;

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static TestDatabase database;
  static Service service;
  static Vertx vertx;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "KALEYRA_TIMEOUT_MS", KALEYRA_TIMEOUT_MS,
        "KALEYRA_RETRY_BUDGET_MS", 2000,
        // Each case is about one fault: the breaker opening is another test's subject.
        "KALEYRA_BREAKER_MAX_FAILURES", 10_000,
        // Leases fall due at once, so that the reaper run at the end of each case sees them (no request is in flight
        // by then); the sweep timer itself is left out of the way.
        "ROOM_LEASE_MS", 1,
        "REAPER_INTERVAL_MS", 3_600_000));
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  enum KaleyraFault {
    TOO_SLOW(response -> response.withFixedDelay(KALEYRA_TIMEOUT_MS * 3)),
    SERVER_ERROR(response -> aResponse().withStatus(500)),
    RATE_LIMITED(response -> aResponse().withStatus(429).withHeader("Retry-After", "1")),
    CONNECTION_RESET(response -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    MALFORMED_JSON(response -> response.withBody("{\"room_id\": ")),
    EMPTY_BODY(response -> response.withBody(""));

    final Function<ResponseDefinitionBuilder, ResponseDefinitionBuilder> apply;

    KaleyraFault(Function<ResponseDefinitionBuilder, ResponseDefinitionBuilder> apply) {
      this.apply = apply;
    }
  }

  /** The Kaleyra call that fails, within the operation that makes it. */
  enum Call {
    CREATE_USER("create", post(urlEqualTo("/v2/users")), 201),
    CREATE_ROOM("create", post(urlEqualTo("/v2/rooms")), 201),
    PATCH_NEW_ROOM("patch", post(urlEqualTo("/v2/rooms")), 201),
    PATCH_DELETE_OLD_ROOM("patch", delete(urlMatching("/v2/rooms/.+")), 204),
    DELETE_ROOM("delete", delete(urlMatching("/v2/rooms/.+")), 204),
    GET_ROOM_DETAILS("get", get(urlMatching("/v2/rooms/.+")), 200);

    final String operation;
    final MappingBuilder request;
    final int healthyStatus;

    Call(String operation, MappingBuilder request, int healthyStatus) {
      this.operation = operation;
      this.request = request;
      this.healthyStatus = healthyStatus;
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(Call.values()).flatMap(call -> Stream.of(KaleyraFault.values()).map(fault -> Arguments.of(call, fault)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void aFailingKaleyraCallLeavesNoRoomOrphanedAndNoTeleconsultationWithoutItsRoom(Call call, KaleyraFault fault) {
    database.execute("TRUNCATE teleconsultations, room_cleanups");
    healthyKaleyra();
    String id = call.operation.equals("create") ? null : booked();
    if (call == Call.CREATE_USER) {
      // A user nobody has seen yet, so that Kaleyra is asked to create it.
      wireMock.resetRequests();
    }
    wireMock.stubFor(call.request.atPriority(1).willReturn(fault.apply.apply(healthy(call))));

    HttpResponse<Buffer> response = act(call, id);

    assertThat(response.statusCode()).as(response.bodyAsString()).isNotEqualTo(500).isBetween(200, 503);
    if (response.statusCode() >= 400) {
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertStoredRoomsAreLive();
    assertLiveRoomsAreStoredOrQueued(call, fault);

    healthyKaleyra();
    vertx.eventBus().request(Addresses.REAPER_RUN, new JsonObject()).await();
    assertThat(live(call, fault)).as("rooms left on Kaleyra after the reaper ran").isEqualTo(storedRooms());
  }

  private HttpResponse<Buffer> act(Call call, String id) {
    return switch (call.operation) {
      case "create" -> service.post("/teleconsultation",
          body(Instant.now(), 2, doctor(), participant("new-" + System.nanoTime(), "patient", "New")));
      case "patch" -> service.patch("/teleconsultation/" + id, new JsonObject().put("participants", new JsonObject()
          .put("number", 2).put("data", new JsonArray().add(doctor()).add(participant("p-" + System.nanoTime(), "patient", "P")))));
      case "delete" -> service.delete("/teleconsultation/" + id);
      default -> service.get("/teleconsultation/" + id, DOCTOR);
    };
  }

  private void healthyKaleyra() {
    wireMock.resetMappings();
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
  }

  private static ResponseDefinitionBuilder healthy(Call call) {
    if (call == Call.CREATE_ROOM || call == Call.PATCH_NEW_ROOM) {
      // The same templated answer as a healthy Kaleyra, so that the delay case really creates a room.
      return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
          .withBody("{{#assign 'room'}}room_{{randomValue length=12 type='ALPHANUMERIC'}}{{/assign}}"
              + "{\"room_id\":\"{{room}}\",\"participants\":["
              + "{{#each (jsonPath request.body '$.participants') as |p|}}{{#if @index}},{{/if}}"
              + "{\"user_id\":\"{{p.user_id}}\",\"link\":\"https://kaleyra.test/{{room}}/{{p.user_id}}\"}{{/each}}]}")
          .withTransformers("response-template");
    }
    if (call == Call.GET_ROOM_DETAILS) {
      return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody(KaleyraStubs.roomJson("any").encode());
    }
    return aResponse().withStatus(call.healthyStatus).withHeader("Content-Type", "application/json").withBody("{}");
  }

  /** A complete teleconsultation with a room, created while Kaleyra is healthy. */
  private String booked() {
    HttpResponse<Buffer> created = service.post("/teleconsultation", body(Instant.now().plusSeconds(7200), 2, doctor(), patient()));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("roomId");
  }

  private Set<String> storedRooms() {
    return new HashSet<>(strings("SELECT room_id FROM teleconsultations WHERE state = 'ACTIVE' AND room_id IS NOT NULL"));
  }

  private Set<String> queuedRooms() {
    return new HashSet<>(strings("SELECT room_id FROM room_cleanups"));
  }

  private List<String> strings(String sql) {
    String joined = database.text("SELECT string_agg(x, ',') FROM (" + sql.replace("SELECT room_id", "SELECT room_id AS x") + ") rooms");
    return joined == null ? List.of() : List.of(joined.split(","));
  }

  private void assertStoredRoomsAreLive() {
    assertThat(kaleyra.liveRooms()).as("every stored room is live on Kaleyra").containsAll(storedRooms());
  }

  private void assertLiveRoomsAreStoredOrQueued(Call call, KaleyraFault fault) {
    Set<String> accounted = new HashSet<>(storedRooms());
    accounted.addAll(queuedRooms());
    assertThat(accounted).as("every live room is stored or queued for cleanup").containsAll(live(call, fault));
  }

  /**
   * The live rooms we can know of. When Kaleyra answers a room creation only after we gave up waiting, the room
   * exists but its id never reached us: no call of the contract lists rooms, so it cannot be found again. That is
   * the one gap (documented in README, "Failure behaviour"); this helper names it instead of hiding it.
   */
  private Set<String> live(Call call, KaleyraFault fault) {
    Set<String> live = new HashSet<>(kaleyra.liveRooms());
    if (fault == KaleyraFault.TOO_SLOW && (call == Call.CREATE_ROOM || call == Call.PATCH_NEW_ROOM)) {
      live.removeAll(kaleyra.createdRooms().subList(kaleyra.createdRooms().size() - 1, kaleyra.createdRooms().size()));
    }
    return live;
  }
}
