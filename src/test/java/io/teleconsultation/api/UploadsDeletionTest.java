package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DELETE /teleconsultation/{id}/uploads (docs/original-service.md, "Uploads"): with TELECONSULTATION_DELETE_UPLOADS=true
 * ({@code enabled}) every file shared during the call is deleted, one by one; with the default false
 * ({@code disabled}) nothing happens.
 */
@ExtendWith(VertxExtension.class)
class UploadsDeletionTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Service enabled;
  /** On a Vert.x of its own: two services on one event bus would answer each other's requests. */
  static Vertx disabledNode;
  static Service disabled;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    enabled = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(),
        Map.of("TELECONSULTATION_DELETE_UPLOADS", true));
    disabledNode = Vertx.vertx();
    disabled = Service.start(disabledNode, kaleyra.baseUrl(), TestDatabase.create(), Map.of());
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    enabled.stop();
    disabled.stop();
    disabledNode.close().await();
  }

  @BeforeEach
  void kaleyraWorks() {
    kaleyra.usersAreCreated().roomsCanBeDeleted();
  }

  private static String created(Service service, String roomId) {
    kaleyra.roomIsCreated(roomId, List.of(DOCTOR, PATIENT)).roomExists(roomId);
    HttpResponse<Buffer> response = service.post("/teleconsultation", doctorAndPatientNow());
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("roomId");
  }

  /** Kaleyra lists these uploads in the room, and deletes each of them. */
  private static void roomHasUploads(String roomId, String... uploadIds) {
    JsonArray uploads = new JsonArray();
    for (String id : uploadIds) {
      uploads.add(new JsonObject().put("id", id).put("name", id + ".pdf").put("creation_date", "2030-01-01T10:00:00.000Z"));
    }
    wireMock.stubFor(get(urlPathEqualTo("/v2/rooms/" + roomId + "/uploads"))
        .willReturn(jsonResponse(new JsonObject().put("uploads", uploads).encode(), 200)));
    wireMock.stubFor(delete(urlMatching("/v2/rooms/" + roomId + "/uploads/.+")).willReturn(aResponse().withStatus(204)));
  }

  private static HttpResponse<Buffer> deleteUploads(Service service, String id, String callerId) {
    HttpRequest<Buffer> request = service.requestAs(HttpMethod.DELETE, "/teleconsultation/" + id + "/uploads", callerId);
    return contract.check("deleteTeleconsultationUploads", request.send().await());
  }

  private static List<String> deletedUploads(String roomId) {
    String prefix = "/v2/rooms/" + roomId + "/uploads/";
    return wireMock.findAll(deleteRequestedFor(urlMatching(prefix + ".+"))).stream()
        .map(request -> request.getUrl().substring(prefix.length()))
        .sorted()
        .toList();
  }

  private static JsonObject result(int total, int deleted) {
    return new JsonObject().put("total", total).put("deleted", deleted);
  }

  @Test
  void whenDisabledTheAnswerIs204AndKaleyraIsNotAsked() {
    String id = created(disabled, "room_disabled");
    roomHasUploads("room_disabled", "f1");

    HttpResponse<Buffer> response = deleteUploads(disabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isNull();
    wireMock.verify(0, getRequestedFor(urlMatching("/v2/rooms/room_disabled/uploads.*")));
    wireMock.verify(0, deleteRequestedFor(urlMatching("/v2/rooms/room_disabled/uploads.*")));
  }

  @Test
  void everyUploadOfTheRoomIsDeleted() {
    String id = created(enabled, "room_files");
    roomHasUploads("room_files", "f1", "f2");

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(result(2, 2));
    assertThat(deletedUploads("room_files")).containsExactly("f1", "f2");
    wireMock.verify(getRequestedFor(urlEqualTo("/v2/rooms/room_files/uploads?offset=0&limit=100")).withHeader("apikey", equalTo(Service.API_KEY)));
    wireMock.verify(2, deleteRequestedFor(urlMatching("/v2/rooms/room_files/uploads/.+"))
        .withHeader("apikey", equalTo(Service.API_KEY)));
  }

  @Test
  void kaleyrasPaginatedListIsReadPageAfterPage() {
    String id = created(enabled, "room_many");
    JsonArray first = new JsonArray();
    for (int i = 0; i < 100; i++) {
      first.add(new JsonObject().put("id", "p1-" + i).put("name", i + ".pdf").put("creation_date", "2030-01-01T10:00:00.000Z"));
    }
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_many/uploads?offset=0&limit=100"))
        .willReturn(jsonResponse(new JsonObject().put("uploads", first).encode(), 200)));
    wireMock.stubFor(get(urlEqualTo("/v2/rooms/room_many/uploads?offset=100&limit=100"))
        .willReturn(jsonResponse(new JsonObject().put("uploads", new JsonArray()
            .add(new JsonObject().put("id", "p2-0").put("name", "last.pdf").put("creation_date", "2030-01-01T10:00:00.000Z")))
            .encode(), 200)));
    wireMock.stubFor(delete(urlMatching("/v2/rooms/room_many/uploads/.+")).willReturn(aResponse().withStatus(204)));

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.bodyAsJsonObject()).isEqualTo(result(101, 101));
    assertThat(deletedUploads("room_many")).hasSize(101).contains("p2-0");
    wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v2/rooms/room_many/uploads")));
  }

  @Test
  void aFileThatFailsToDeleteDoesNotStopTheOthersAndIsReportedForARetry() {
    String id = created(enabled, "room_partial");
    roomHasUploads("room_partial", "f1", "f2", "f3");
    wireMock.stubFor(delete(urlEqualTo("/v2/rooms/room_partial/uploads/f2")).willReturn(aResponse().withStatus(500)));

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(result(3, 2));
    assertThat(deletedUploads("room_partial")).containsOnly("f1", "f2", "f3");
    assertThat(deletedUploads("room_partial")).as("the failing file was retried (KALEYRA_RETRIES = 2), the others once")
        .filteredOn("f2"::equals).hasSize(3);
    assertThat(deletedUploads("room_partial")).filteredOn("f1"::equals).hasSize(1);
  }

  @Test
  void aFileKaleyraNoLongerKnowsCountsAsDeleted() {
    String id = created(enabled, "room_gone_file");
    roomHasUploads("room_gone_file", "f1", "f2");
    wireMock.stubFor(delete(urlEqualTo("/v2/rooms/room_gone_file/uploads/f1"))
        .willReturn(jsonResponse("{\"error\":\"not found\"}", 404)));

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.bodyAsJsonObject()).isEqualTo(result(2, 2));
  }

  @Test
  void aRoomWithoutUploadsHasNothingToDelete() {
    String id = created(enabled, "room_empty");
    roomHasUploads("room_empty");

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.bodyAsJsonObject()).isEqualTo(result(0, 0));
  }

  @Test
  void aRoomKaleyraNoLongerKnowsHasNothingToDelete() {
    String id = created(enabled, "room_vanished");
    wireMock.stubFor(get(urlPathEqualTo("/v2/rooms/room_vanished/uploads"))
        .willReturn(jsonResponse("{\"error\":\"not found\"}", 404)));

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(result(0, 0));
  }

  @Test
  void aTeleconsultationWithoutARoomYetHasNothingToDelete() {
    HttpResponse<Buffer> created = enabled.post("/teleconsultation", body(Instant.now(), 3, doctor(), patient()));
    String id = created.bodyAsJsonObject().getString("roomId");

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(result(0, 0));
  }

  @Test
  void kaleyraFailingToListTheUploadsIsABadGateway() {
    String id = created(enabled, "room_unlisted");
    wireMock.stubFor(get(urlPathEqualTo("/v2/rooms/room_unlisted/uploads")).willReturn(aResponse().withStatus(503)));

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(deletedUploads("room_unlisted")).isEmpty();
  }

  @Test
  void onlyAPlusParticipantOrAManagerMayDeleteTheUploads() {
    String id = created(enabled, "room_guarded");
    roomHasUploads("room_guarded", "f1");

    HttpResponse<Buffer> stranger = deleteUploads(enabled, id, "someone-else");
    HttpResponse<Buffer> basicParticipant = deleteUploads(enabled, id, PATIENT);
    HttpResponse<Buffer> anonymous = deleteUploads(enabled, id, null);

    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(basicParticipant.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
    assertThat(deletedUploads("room_guarded")).isEmpty();

    HttpResponse<Buffer> manager = contract.check("deleteTeleconsultationUploads", enabled.requestAs(HttpMethod.DELETE,
        "/teleconsultation/" + id + "/uploads", "back-office-2", Service.MANAGER_GROUP).send().await());

    assertThat(manager.statusCode()).isEqualTo(200);
    assertThat(deletedUploads("room_guarded")).containsExactly("f1");
  }

  @Test
  void anUnknownTeleconsultationIs404() {
    String id = UUID.randomUUID().toString();

    HttpResponse<Buffer> response = deleteUploads(enabled, id, DOCTOR);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Room with id " + id + " not found");
  }
}
