package io.teleconsultation.support;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.domain.KaleyraUserId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** WireMock stubs for the Kaleyra v2 calls of docs/kaleyra.md, so that tests say only what differs. */
public final class KaleyraStubs {

  public static final String V2 = "/v2";

  private final WireMockExtension kaleyra;

  public KaleyraStubs(WireMockExtension kaleyra) {
    this.kaleyra = kaleyra;
  }

  public String baseUrl() {
    return kaleyra.baseUrl() + V2;
  }

  /** Users are created (201) and can be updated (200). */
  public KaleyraStubs usersAreCreated() {
    kaleyra.stubFor(post(urlEqualTo(V2 + "/users"))
        .willReturn(jsonResponse("{\"id\":\"created\",\"role\":\"plus\",\"allow_camera\":true}", 201)));
    kaleyra.stubFor(put(urlMatching(V2 + "/users/.+")).willReturn(jsonResponse("{}", 200)));
    return this;
  }

  /** The next room created is {@code roomId}; each external user gets the link {@code https://kaleyra.test/<room>/<user>}. */
  public KaleyraStubs roomIsCreated(String roomId, List<String> externalUserIds) {
    JsonArray participants = new JsonArray();
    for (String externalId : externalUserIds) {
      String kaleyraId = KaleyraUserId.of(externalId);
      participants.add(new JsonObject().put("user_id", kaleyraId).put("link", linkOf(roomId, externalId)));
    }
    kaleyra.stubFor(post(urlEqualTo(V2 + "/rooms"))
        .willReturn(jsonResponse(new JsonObject().put("room_id", roomId).put("participants", participants).encode(), 201)));
    return this;
  }

  /**
   * Every room created gets a new random id, and each participant the link
   * {@code https://kaleyra.test/<room>/<kaleyra user>}; the created rooms can be read back from the serve events.
   */
  public KaleyraStubs everyRoomIsNew() {
    kaleyra.stubFor(post(urlEqualTo(V2 + "/rooms")).willReturn(aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{{#assign 'room'}}room_{{randomValue length=12 type='ALPHANUMERIC'}}{{/assign}}"
            + "{\"room_id\":\"{{room}}\",\"participants\":["
            + "{{#each (jsonPath request.body '$.participants') as |p|}}{{#if @index}},{{/if}}"
            + "{\"user_id\":\"{{p.user_id}}\",\"link\":\"https://kaleyra.test/{{room}}/{{p.user_id}}\"}{{/each}}]}")
        .withTransformers("response-template")));
    kaleyra.stubFor(get(urlMatching(V2 + "/rooms/.+")).willReturn(jsonResponse(roomJson("any").encode(), 200)));
    return this;
  }

  /** The ids of the rooms Kaleyra created, in order. */
  public List<String> createdRooms() {
    return kaleyra.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getMethod().getName().equals("POST")
            && event.getRequest().getUrl().equals(V2 + "/rooms")
            && event.getResponse().getStatus() == 201)
        .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()))
        .map(event -> roomIdIn(event.getResponse().getBodyAsString()))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** The room id of a creation answer; null when the answer is not JSON (a fault we injected). */
  private static String roomIdIn(String body) {
    try {
      return new JsonObject(body).getString("room_id");
    } catch (io.vertx.core.json.DecodeException | NullPointerException notJson) {
      return null;
    }
  }

  /** The ids of the rooms we asked Kaleyra to delete, in order. */
  public List<String> deletedRooms() {
    return kaleyra.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getMethod().getName().equals("DELETE")
            && event.getRequest().getUrl().startsWith(V2 + "/rooms/"))
        .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()))
        .map(event -> event.getRequest().getUrl().substring((V2 + "/rooms/").length()))
        .toList();
  }

  /** Rooms created and never deleted: what still costs a licence on Kaleyra. */
  public java.util.Set<String> liveRooms() {
    java.util.Set<String> live = new java.util.LinkedHashSet<>(createdRooms());
    deletedRooms().forEach(live::remove);
    return live;
  }

  public KaleyraStubs roomExists(String roomId) {
    kaleyra.stubFor(get(urlEqualTo(V2 + "/rooms/" + roomId)).willReturn(jsonResponse(roomJson(roomId).encode(), 200)));
    return this;
  }

  public KaleyraStubs roomsCanBeDeleted() {
    kaleyra.stubFor(delete(urlMatching(V2 + "/rooms/.+")).willReturn(aResponse().withStatus(204)));
    return this;
  }

  public KaleyraStubs companyAnswers() {
    kaleyra.stubFor(get(urlEqualTo(V2 + "/company"))
        .willReturn(jsonResponse("{\"name\":\"Acme Health\",\"default_language\":\"it\"}", 200)));
    return this;
  }

  public static String linkOf(String roomId, String externalUserId) {
    return "https://kaleyra.test/" + roomId + "/" + KaleyraUserId.of(externalUserId);
  }

  public static JsonObject roomJson(String roomId) {
    return new JsonObject()
        .put("room_id", roomId)
        .put("recording", "none")
        .put("recording_status", "stopped")
        .put("call_type", "audio_video")
        .put("description", "Teleconsultation")
        .put("status", "NOT_RUNNING")
        .put("disabled", false)
        .put("creation_date", "2023-12-22T13:36:48.164Z")
        .put("duration", 3600)
        .put("duration_used", 1200)
        .put("live", true);
  }
}
