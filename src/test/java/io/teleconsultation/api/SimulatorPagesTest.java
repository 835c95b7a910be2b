package io.teleconsultation.api;

import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a browser gets from the service running on the simulator: join links that open a page describing the
 * simulated call, and the demo page.
 */
@ExtendWith(VertxExtension.class)
class SimulatorPagesTest {

  @TempDir static Path dataDir;
  static Service service;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, new JsonObject()
        .put("HTTP_PORT", 0)
        .put("DATA_DIR", dataDir.toString())
        .put("DATABASE_URL", TestDatabase.create().url()));
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @Test
  void aJoinLinkOpensAPageLabelledSimulationWithTheRoomWhoYouAreYourRoleToolsTheOthersAndTheLinkOptions() {
    String id = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    String link = service.get("/teleconsultation/" + id + "?useBackground=true", PATIENT).bodyAsJsonObject()
        .getString("accessLinkURL");

    HttpResponse<Buffer> page = open(link);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    String html = page.bodyAsString();
    assertThat(html).contains("SIMULATION").contains("Teleconsultation <code>" + id + "</code>");
    assertThat(html).contains("<dd id=\"you-name\">Jane Doe</dd>")
        .contains("<dd id=\"you-id\"><code>" + KaleyraUserId.of(PATIENT) + "</code></dd>")
        .contains("<dd id=\"you-role\">basic</dd>")
        // conf/teleconsultation-config.json gives the basic role every tool
        .contains("<dd id=\"you-tools\">chat, file_upload, live_edit, live_pointer, present_to_everyone, screen_sharing,"
            + " snapshot, whiteboard</dd>")
        .contains("<dd id=\"link-language\">it (asked by the link)</dd>")
        .contains("<dd id=\"link-background\">image (asked by the link")
        .contains("<li>Dr. Joe Smith · <code>" + KaleyraUserId.of(DOCTOR) + "</code> · plus (room administrator)</li>");
  }

  @Test
  void theDoctorsLinkShowsThePlusRoleAndThePatientAsTheOtherParticipant() {
    String id = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    String link = service.get("/teleconsultation/" + id + "?language=it", DOCTOR).bodyAsJsonObject().getString("accessLinkURL");

    String html = open(link).bodyAsString();

    assertThat(html).contains("<dd id=\"you-name\">Dr. Joe Smith</dd>")
        .contains("<dd id=\"you-role\">plus (room administrator)</dd>")
        .contains("<dd id=\"link-language\">it (asked by the link)</dd>")
        .contains("<dd id=\"link-background\">none asked by the link</dd>")
        .contains("<li>Jane Doe · <code>" + KaleyraUserId.of(PATIENT) + "</code> · basic</li>");
  }

  @Test
  void namesAndLinkOptionsAreEscapedSoThatNoMarkupCanBeInjectedIntoTheJoinPage() {
    JsonObject body = body(Instant.now().minusSeconds(60), 2,
        participant("doc-x", "doctor", "Dr. <script>alert('x')</script>").put("language", "en"),
        participant("pat-x", "patient", "\"><img src=x onerror=alert(1)> & Co"));
    String id = service.post("/teleconsultation", body).bodyAsJsonObject().getString("roomId");
    String link = service.get("/teleconsultation/" + id, "doc-x").bodyAsJsonObject().getString("accessLinkURL");

    HttpResponse<Buffer> page = open(link + "&virtual_background=%3Cb%3Ebold%3C/b%3E");

    String html = page.bodyAsString();
    assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>bold");
    assertThat(html).contains("Dr. &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co")
        .contains("&lt;b&gt;bold&lt;/b&gt;");
    assertThat(page.getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
  }

  @Test
  void anUnknownJoinLinkAnswers404WithAPageSayingItLeadsToNoRoom() {
    HttpResponse<Buffer> unknown = service.request(HttpMethod.GET, "/simulator/join/NoSuchCode123456").send().await();
    HttpResponse<Buffer> malformed = service.request(HttpMethod.GET, "/simulator/join/%3Cscript%3E").send().await();

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("text/html");
    assertThat(unknown.bodyAsString()).contains("SIMULATION").contains("leads to no room");
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(malformed.bodyAsString()).doesNotContain("<script>");
  }

  @Test
  void theLinkOfADeletedTeleconsultationNoLongerOpensARoom() {
    String id = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    String link = service.get("/teleconsultation/" + id, DOCTOR).bodyAsJsonObject().getString("accessLinkURL");

    assertThat(service.delete("/teleconsultation/" + id).statusCode()).isEqualTo(204);

    assertThat(open(link).statusCode()).isEqualTo(404);
  }

  @Test
  void theDemoPageIsServedWithTheSimulator() {
    HttpResponse<Buffer> bare = service.request(HttpMethod.GET, "/demo").followRedirects(false).send().await();
    HttpResponse<Buffer> page = service.request(HttpMethod.GET, "/demo/").send().await();
    HttpResponse<Buffer> script = service.request(HttpMethod.GET, "/demo/demo.js").send().await();

    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.getHeader("Location")).isEqualTo("/demo/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("<title>Teleconsultation demo</title>").contains("src=\"demo.js\"");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.bodyAsString()).contains("accessLinkURL").contains("miauserid");
  }

  /** Opens a join link on this service (links name port 3000, the default; the service listens elsewhere). */
  private static HttpResponse<Buffer> open(String link) {
    URI uri = URI.create(link);
    assertThat(uri.getPath()).startsWith("/simulator/join/");
    return service.request(HttpMethod.GET, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
        .send().await();
  }
}
