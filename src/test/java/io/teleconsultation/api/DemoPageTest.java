package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the real Kaleyra, /demo exists only when DEMO_ENABLED=true, and simulated join pages never do. */
@ExtendWith(VertxExtension.class)
class DemoPageTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);

  @Test
  void withTheRealKaleyraTheDemoAndTheSimulatorPagesAre404Problems(Vertx vertx) {
    Service service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of());

    HttpResponse<Buffer> demo = service.request(HttpMethod.GET, "/demo/").send().await();
    HttpResponse<Buffer> bare = service.request(HttpMethod.GET, "/demo").followRedirects(false).send().await();
    HttpResponse<Buffer> join = service.request(HttpMethod.GET, "/simulator/join/AbCdEf0123456789").send().await();
    service.stop();

    assertThat(demo.statusCode()).isEqualTo(404);
    assertThat(demo.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(bare.statusCode()).isEqualTo(404);
    assertThat(join.statusCode()).isEqualTo(404);
    assertThat(join.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
  }

  @Test
  void demoEnabledServesTheDemoWithTheRealKaleyraButStillNoSimulatorPage(Vertx vertx) {
    Service service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of("DEMO_ENABLED", true));

    HttpResponse<Buffer> demo = service.request(HttpMethod.GET, "/demo/").send().await();
    HttpResponse<Buffer> join = service.request(HttpMethod.GET, "/simulator/join/AbCdEf0123456789").send().await();
    service.stop();

    assertThat(demo.statusCode()).isEqualTo(200);
    assertThat(demo.bodyAsString()).contains("Teleconsultation demo");
    assertThat(demo.getHeader("Content-Security-Policy")).contains("frame-src http: https:");
    assertThat(join.statusCode()).isEqualTo(404);
    assertThat(join.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
  }
}
