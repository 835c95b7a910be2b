package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.observability.Metrics;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Request ids, metrics and the served API reference, on a node started with metrics on (as Main starts it). */
class ObservabilityTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Vertx vertx;
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx(Metrics.enable(new VertxOptions()));
    service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of());
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
    vertx.close().await();
  }

  @BeforeEach
  void kaleyraWorks() {
    kaleyra.usersAreCreated().roomsCanBeDeleted().everyRoomIsNew().companyAnswers();
  }

  @Test
  void theClientsRequestIdIsReturnedAndPassedToKaleyra() {
    HttpResponse<Buffer> response = service.request(HttpMethod.POST, "/teleconsultation")
        .putHeader("x-request-id", "booking-4711.retry-1").sendJsonObject(doctorAndPatientNow()).await();

    assertThat(response.getHeader("x-request-id")).isEqualTo("booking-4711.retry-1");
    wireMock.verify(postRequestedFor(urlEqualTo("/v2/rooms")).withHeader("x-request-id", equalTo("booking-4711.retry-1")));
  }

  @Test
  void aRequestWithoutIdGetsOneAndAnUnsafeIdIsReplaced() {
    HttpResponse<Buffer> without = service.request(HttpMethod.GET, "/-/healthz").send().await();
    HttpResponse<Buffer> unsafe = service.request(HttpMethod.GET, "/-/healthz")
        .putHeader("x-request-id", "a b\tc" + "x".repeat(200)).send().await();

    assertThat(without.getHeader("x-request-id")).matches("[0-9a-f-]{36}");
    assertThat(unsafe.getHeader("x-request-id")).matches("[0-9a-f-]{36}");
  }

  @Test
  void logLinesOfARequestCarryItsIdsEvenAfterCrossingTheEventBus() {
    String id = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    wireMock.stubFor(get(urlMatching("/v2/rooms/.+")).atPriority(1).willReturn(aResponse().withStatus(500)));
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try {
      service.request(HttpMethod.GET, "/teleconsultation/" + id).putHeader("miauserid", DOCTOR)
          .putHeader("x-request-id", "poll-42").send().await();
    } finally {
      root.detachAppender(logs);
    }

    ILoggingEvent degraded = logs.list.stream()
        .filter(event -> event.getFormattedMessage().startsWith("Room details of")).findFirst().orElseThrow();
    assertThat(degraded.getMDCPropertyMap())
        .containsEntry("requestId", "poll-42")
        .containsEntry("teleconsultationId", id);
  }

  @Test
  void everyRequestLeavesOneAccessLineWithItsRouteTemplateStatusDurationAndIdsAndProbesOnlyAtDebug()
      throws InterruptedException {
    String id = service.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger access = (Logger) LoggerFactory.getLogger("io.teleconsultation.access");
    Level before = access.getLevel();
    access.setLevel(Level.DEBUG);
    logs.start();
    access.addAppender(logs);
    Map<String, ILoggingEvent> byRequest;
    try {
      service.request(HttpMethod.GET, "/teleconsultation/" + id).putHeader("miauserid", DOCTOR)
          .putHeader("x-request-id", "poll-43").send().await();
      service.request(HttpMethod.DELETE, "/teleconsultation/not.an.id").putHeader("x-request-id", "bad-44").send().await();
      service.request(HttpMethod.GET, "/-/healthz").putHeader("x-request-id", "probe-45").send().await();
      // The line is written once the response has left, which may be just after the client read it.
      byRequest = accessLines(logs, 3);
    } finally {
      access.detachAppender(logs);
      access.setLevel(before);
    }

    ILoggingEvent get = byRequest.get("poll-43");
    assertThat(get.getLevel()).isEqualTo(Level.INFO);
    assertThat(keyValues(get))
        .containsEntry("method", "GET")
        .containsEntry("route", "/teleconsultation/{teleconsultationId}")
        .containsEntry("status", 200)
        .containsEntry("teleconsultationId", id)
        .containsKey("durationMs");
    assertThat(get.getFormattedMessage()).startsWith("GET /teleconsultation/{teleconsultationId} 200 ");
    assertThat(keyValues(byRequest.get("bad-44")))
        .containsEntry("method", "DELETE")
        .containsEntry("route", "/teleconsultation/{teleconsultationId}")
        .containsEntry("status", 404)
        .doesNotContainKey("teleconsultationId");
    assertThat(byRequest.get("probe-45").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(keyValues(byRequest.get("probe-45"))).containsEntry("route", "/-/healthz").containsEntry("status", 200);
  }

  /** The access lines of the requests with the test's ids ({@code *-4x}), by request id, once there are {@code n}. */
  private static Map<String, ILoggingEvent> accessLines(ListAppender<ILoggingEvent> logs, int n) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      Map<String, ILoggingEvent> lines = new java.util.HashMap<>();
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        Object requestId = keyValues(event).get("requestId");
        if (requestId instanceof String text && text.matches(".*-4\\d")) {
          assertThat(lines.put(text, event)).as("one line per request").isNull();
        }
      }
      if (lines.size() == n) {
        return lines;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("expected " + n + " access lines, got " + logs.list);
  }

  private static Map<String, Object> keyValues(ILoggingEvent event) {
    Map<String, Object> values = new java.util.HashMap<>();
    event.getKeyValuePairs().forEach(pair -> values.put(pair.key, pair.value));
    return values;
  }

  @Test
  void metricsCoverHttpRoutesKaleyraCallsTheCircuitAndTheDatabasePool() {
    service.post("/teleconsultation", doctorAndPatientNow());
    service.request(HttpMethod.GET, "/-/check-up").send().await();

    HttpResponse<Buffer> response = contract.check("getMetrics", service.request(HttpMethod.GET, "/-/metrics").send().await());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString())
        .contains("vertx_http_server_requests_total")
        .contains("route=\"/teleconsultation\"")
        .contains("kaleyra_calls_seconds_count{operation=\"POST /rooms\",outcome=\"201\"}")
        .contains("kaleyra_circuit_state")
        .contains("vertx_pool_")
        .contains("vertx_eventbus_");
  }

  @Test
  void theApiReferenceIsServedAsJsonAndAsAPageWithoutACdn() {
    HttpResponse<Buffer> json = service.request(HttpMethod.GET, "/documentation/json").send().await();
    HttpResponse<Buffer> page = service.request(HttpMethod.GET, "/documentation").send().await();
    HttpResponse<Buffer> script = service.request(HttpMethod.GET, "/documentation/static/swagger-ui-bundle.js").send().await();

    assertThat(json.bodyAsJsonObject().getString("openapi")).isEqualTo("3.1.0");
    assertThat(json.bodyAsJsonObject().getJsonObject("paths").fieldNames()).contains("/teleconsultation", "/-/metrics");
    assertThat(page.bodyAsString()).contains("/documentation/static/swagger-ui-bundle.js").doesNotContain("https://");
    assertThat(script.statusCode()).isEqualTo(200);
  }
}
