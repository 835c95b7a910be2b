package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The Kaleyra key and the database password never reach a log line or a response, even when things fail. */
@ExtendWith(VertxExtension.class)
class SecretsTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  @Test
  void theKaleyraKeyAndDatabasePasswordAppearNowhereWhenKaleyraFailsInEveryWay(Vertx vertx) {
    TestDatabase database = TestDatabase.create();
    Service service = Service.start(vertx, wireMock.baseUrl() + "/v2", database, Map.of());
    List<String> responses = new ArrayList<>();

    wireMock.stubFor(post(urlEqualTo("/v2/users")).willReturn(jsonResponse("{\"error\":\"bad apikey\"}", 401)));
    responses.add(service.post("/teleconsultation", doctorAndPatientNow()).bodyAsString());
    wireMock.stubFor(post(urlEqualTo("/v2/users")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    responses.add(service.post("/teleconsultation", doctorAndPatientNow()).bodyAsString());
    wireMock.stubFor(post(urlEqualTo("/v2/users")).willReturn(aResponse().withStatus(500).withBody("boom")));
    responses.add(service.post("/teleconsultation", doctorAndPatientNow()).bodyAsString());
    HttpResponse<Buffer> checkUp = service.request(HttpMethod.GET, "/-/check-up").send().await();
    responses.add(checkUp.bodyAsString());
    service.stop();

    assertThat(responses).isNotEmpty().allSatisfy(body -> assertThat(body)
        .doesNotContain(Service.API_KEY)
        .doesNotContain("postgres:postgres"));
    assertThat(logs.list).isNotEmpty().allSatisfy(event -> {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(Service.API_KEY).doesNotContain("postgres:postgres@");
    });
  }
}
