package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One teleconsultation from booking to cancellation: create (partial) → add participant → room created → PATCH
 * dates → room re-created → immutable period refuses changes → each participant gets their own link → DELETE →
 * 404. Rooms have a limited duration here, so a new duration needs a new room; the immutable period is one hour.
 */
@ExtendWith(VertxExtension.class)
class LifecycleTest {

  static final String RELATIVE = "relative-3";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static TestDatabase database;
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of(
        "UNLIMITED_TELECONSULTATION", false, "IMMUTABLE_PERIOD_MS", 3_600_000));
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @Test
  void aTeleconsultationFromBookingToCancellation() {
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // Booked for in two hours, the third participant still unknown: no room yet.
    HttpResponse<Buffer> created = contract.check("createTeleconsultation",
        service.post("/teleconsultation", body(now.plusSeconds(7200), 3, doctor(), patient())));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("roomId");
    String path = "/teleconsultation/" + id;
    assertThat(kaleyra.createdRooms()).isEmpty();

    // The last participant arrives through the deprecated endpoint: the room is created.
    HttpResponse<Buffer> added = contract.check("addParticipant", service.post(path + "/participants/data",
        participant(RELATIVE, "patient", "Rel Ative").put("language", "it")));
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(kaleyra.createdRooms()).hasSize(1);
    String firstRoom = kaleyra.createdRooms().get(0);
    assertThat(roomInDatabase(id)).isEqualTo(firstRoom);

    // Moved to in thirty minutes, and shortened to half an hour: a new room replaces the first one.
    HttpResponse<Buffer> moved = contract.check("updateTeleconsultation", service.patch(path, new JsonObject()
        .put("start_date", now.plusSeconds(1800).toString())
        .put("end_date", now.plusSeconds(3600).toString())));
    assertThat(moved.statusCode()).isEqualTo(204);
    assertThat(kaleyra.createdRooms()).hasSize(2);
    String secondRoom = kaleyra.createdRooms().get(1);
    assertThat(roomInDatabase(id)).isEqualTo(secondRoom);
    assertThat(kaleyra.deletedRooms()).containsExactly(firstRoom);
    JsonObject secondRoomRequest = new JsonObject(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/rooms"))).get(1).getBodyAsString());
    assertThat(secondRoomRequest.getLong("duration")).isEqualTo(1800);

    // It now starts within the immutable hour: every change is refused, and nothing changes.
    HttpResponse<Buffer> refused = contract.check("updateTeleconsultation",
        service.patch(path, new JsonObject().put("duration_in_seconds", 900)));
    assertThat(refused.statusCode()).isEqualTo(409);
    HttpResponse<Buffer> refusedParticipant = contract.check("addParticipant",
        service.post(path + "/participants/data", participant("late", "patient", "Late Comer")));
    assertThat(refusedParticipant.statusCode()).isEqualTo(409);
    assertThat(kaleyra.createdRooms()).hasSize(2);
    assertThat(roomInDatabase(id)).isEqualTo(secondRoom);

    // From now on each participant gets their own link to the second room.
    for (String participant : List.of(DOCTOR, PATIENT, RELATIVE)) {
      JsonObject view = contract.check("getTeleconsultation", service.get(path, participant)).bodyAsJsonObject();
      assertThat(view.getString("bandyerUserId")).isEqualTo(KaleyraUserId.of(participant));
      assertThat(view.getString("accessLinkURL"))
          .startsWith("https://kaleyra.test/" + secondRoom + "/" + KaleyraUserId.of(participant));
      assertThat(view.getJsonArray("participantsBandyerCall")).hasSize(3);
    }

    // Cancelled: the room goes, the teleconsultation is kept for audit but no longer served.
    HttpResponse<Buffer> deleted = contract.check("deleteTeleconsultation", service.delete(path));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(kaleyra.deletedRooms()).containsExactly(firstRoom, secondRoom);
    assertThat(kaleyra.liveRooms()).isEmpty();
    assertThat(contract.check("getTeleconsultation", service.get(path, DOCTOR)).statusCode()).isEqualTo(404);
    assertThat(contract.check("deleteTeleconsultation", service.delete(path)).statusCode()).isEqualTo(404);
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE id = '" + id + "' AND state = 'DELETED'"))
        .isEqualTo(1);
  }

  private String roomInDatabase(String id) {
    return database.text("SELECT room_id FROM teleconsultations WHERE id = '" + id + "'");
  }
}
