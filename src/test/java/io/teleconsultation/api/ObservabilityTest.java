package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

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
