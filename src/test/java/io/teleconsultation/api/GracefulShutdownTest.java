package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGTERM in a rolling update: requests in flight finish, nothing is cut mid-way, then the node stops. */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @Test
  void aRequestInFlightWhenShutdownStartsStillCompletesAndIsStored(Vertx vertx) {
    KaleyraStubs kaleyra = new KaleyraStubs(wireMock).usersAreCreated().roomsCanBeDeleted();
    kaleyra.roomIsCreated("room_slow", List.of(DOCTOR, PATIENT));
    wireMock.stubFor(post(urlEqualTo("/v2/rooms")).willReturn(jsonResponse(
        "{\"room_id\":\"room_slow\",\"participants\":[{\"user_id\":\"" + io.teleconsultation.domain.KaleyraUserId.of(DOCTOR)
            + "\",\"link\":\"https://kaleyra.test/d\"},{\"user_id\":\"" + io.teleconsultation.domain.KaleyraUserId.of(PATIENT)
            + "\",\"link\":\"https://kaleyra.test/p\"}]}", 201).withFixedDelay(1500)));
    TestDatabase database = TestDatabase.create();
    Service service = Service.start(vertx, kaleyra.baseUrl(), database, Map.of());

    Future<HttpResponse<Buffer>> inFlight = service.request(HttpMethod.POST, "/teleconsultation")
        .sendJsonObject(doctorAndPatientNow());
    vertx.timer(500).await();
    Future<Void> shutdown = service.shutdown();

    HttpResponse<Buffer> response = inFlight.await();
    shutdown.await();
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(database.count("SELECT count(*) FROM teleconsultations WHERE room_id = 'room_slow'")).isEqualTo(1);
    assertThatThrownBy(() -> service.request(HttpMethod.GET, "/-/healthz").send().await())
        .as("the node no longer accepts requests");
    service.stop();
  }
}
