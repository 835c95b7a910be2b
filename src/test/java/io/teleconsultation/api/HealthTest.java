package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health routes and unknown routes. */
@ExtendWith(VertxExtension.class)
class HealthTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    // Every check-up asks Kaleyra here: these tests change Kaleyra's answer between calls.
    service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of("CHECKUP_KALEYRA_INTERVAL_MS", 0));
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  private HttpResponse<Buffer> call(String operationId, HttpMethod method, String path) {
    return contract.check(operationId, service.request(method, path).send().await());
  }

  @Test
  void healthzAnswersWhileTheProcessIsAlive() {
    HttpResponse<Buffer> response = call("getHealthz", HttpMethod.GET, "/-/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("OK");
  }

  @Test
  void readyWhenTheDatabaseAnswersAndEveryVerticleIsDeployed() {
    HttpResponse<Buffer> response = call("getReady", HttpMethod.GET, "/-/ready");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void checkUpReportsARealKaleyraAndAnExternalDatabase() {
    kaleyra.companyAnswers();

    HttpResponse<Buffer> response = call("getCheckUp", HttpMethod.GET, "/-/check-up");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject checks = response.bodyAsJsonObject().getJsonObject("checks");
    assertThat(checks.getJsonObject("kaleyra").getString("mode")).isEqualTo("real");
    assertThat(checks.getJsonObject("kaleyra").getString("status")).isEqualTo("OK");
    assertThat(checks.getJsonObject("database").getString("mode")).isEqualTo("external");
    wireMock.verify(getRequestedFor(urlEqualTo("/v2/company")).withHeader("apikey", equalTo(Service.API_KEY)));
  }

  @Test
  void checkUpIsKoWhenKaleyraRefusesOurKey() {
    wireMock.stubFor(get(urlEqualTo("/v2/company")).willReturn(jsonResponse("{\"error\":\"bad key\"}", 401)));

    HttpResponse<Buffer> response = call("getCheckUp", HttpMethod.GET, "/-/check-up");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getJsonObject("checks").getJsonObject("kaleyra").getString("status"))
        .isEqualTo("KO");
    assertThat(response.bodyAsString()).doesNotContain(Service.API_KEY);
  }

  /** A node of its own, with the default interval: the anonymous check-up cannot be used to hammer Kaleyra. */
  @Test
  void checkUpAsksKaleyraOncePerIntervalWhateverTheNumberOfCallers(@TempDir Path dataDir) {
    kaleyra.companyAnswers();
    Vertx node = Vertx.vertx();
    Service cached = Service.start(node, kaleyra.baseUrl(), TestDatabase.create(),
        Map.of("DATA_DIR", dataDir.toString(), "CHECKUP_KALEYRA_INTERVAL_MS", 600_000));
    try {
      int before = wireMock.findAll(getRequestedFor(urlEqualTo("/v2/company"))).size();

      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(cached.request(HttpMethod.GET, "/-/check-up").send());
      }
      Future.all(calls).await();

      assertThat(calls).allSatisfy(call -> assertThat(call.result().statusCode()).isEqualTo(200));
      assertThat(wireMock.findAll(getRequestedFor(urlEqualTo("/v2/company")))).hasSize(before + 1);
    } finally {
      cached.stop();
      node.close().await();
    }
  }

  @Test
  void unknownPathIsAProblem404() {
    HttpResponse<Buffer> response = service.request(HttpMethod.GET, "/nowhere").send().await();

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }
}
