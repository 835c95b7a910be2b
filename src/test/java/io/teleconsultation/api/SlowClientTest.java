package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.teleconsultation.support.Uploads;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send half a request, or hold connections: they are cut by the request timeout (HTTP_REQUEST_TIMEOUT_MS,
 * 408 when the body is late) and bounded by the per-node connection cap (HTTP_MAX_CONNECTIONS).
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  static Path dataDir;
  static Service service;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, wireMock.baseUrl() + "/v2", TestDatabase.create(), Map.of(
        "DATA_DIR", dataDir.toString(), "HTTP_REQUEST_TIMEOUT_MS", 1000, "HTTP_MAX_CONNECTIONS", 3));
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  /** A raw connection, and everything the server sends on it until it closes it. */
  record RawConnection(NetSocket socket, Buffer received, Promise<Buffer> closed) {

    static RawConnection open(Vertx vertx) {
      NetSocket socket = vertx.createNetClient().connect(service.port(), "127.0.0.1").await();
      Buffer received = Buffer.buffer();
      Promise<Buffer> closed = Promise.promise();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> closed.tryComplete(received));
      return new RawConnection(socket, received, closed);
    }

    RawConnection send(String data) {
      socket.write(data).await();
      return this;
    }

    /** What the server sent before closing; fails the test if the server keeps the connection open 20 s. */
    String untilClosed() {
      return closed.future().timeout(20, TimeUnit.SECONDS).await().toString();
    }
  }

  @Test
  void aBodyThatStopsHalfWayIsAnswered408AndTheConnectionClosed(Vertx vertx) {
    RawConnection client = RawConnection.open(vertx).send("POST /teleconsultation HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"participants\": {");

    String answer = client.untilClosed();

    assertThat(answer).startsWith("HTTP/1.1 408");
    assertThat(answer).contains("application/problem+json");
    JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getInteger("status")).isEqualTo(408);
    assertThat(problem.getString("detail")).isEqualTo("The request did not arrive in time");
  }

  @Test
  void aStalledUploadIsAnswered408AndItsFileDeleted(Vertx vertx) {
    RawConnection client = RawConnection.open(vertx).send("POST /settings/background-image HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nmiauserid: auth0|admin-1\r\nmiausergroups: admin\r\n"
        + "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 1000000\r\n\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"virtual_background\"; filename=\"a.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n" + "x".repeat(50_000));

    String answer = client.untilClosed();

    assertThat(answer).startsWith("HTTP/1.1 408");
    assertThat(Uploads.filesLeftIn(dataDir.resolve("uploads"))).isEmpty();
  }

  @Test
  void headersThatNeverEndAreCut(Vertx vertx) {
    RawConnection client = RawConnection.open(vertx).send("GET /-/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");

    assertThat(client.untilClosed()).isEmpty();
  }

  @Test
  void aConnectionThatSendsNothingIsCut(Vertx vertx) {
    assertThat(RawConnection.open(vertx).untilClosed()).isEmpty();
  }

  @Test
  void aRequestThatArrivesInTimeIsServedOnAKeptAliveConnection(Vertx vertx) {
    RawConnection client = RawConnection.open(vertx);

    client.send("GET /-/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    client.send("GET /-/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    String answers = client.untilClosed();
    assertThat(answers.split("HTTP/1.1 200", -1)).as("two answers").hasSize(3);
  }

  @Test
  void beyondTheConnectionCapANewConnectionIsClosedAtOnce(Vertx vertx) throws Exception {
    List<RawConnection> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(RawConnection.open(vertx).send("GET /-/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
    Thread.sleep(100);

    RawConnection refused = RawConnection.open(vertx);

    assertThat(refused.untilClosed()).isEmpty();
    assertThat(held).as("the connections already open are still open when the new one is refused")
        .allSatisfy(connection -> assertThat(connection.closed().future().isComplete()).isFalse());
    held.forEach(RawConnection::untilClosed);
    assertThat(service.request(HttpMethod.GET, "/-/healthz").send().await().statusCode())
        .as("once they are gone, connections are accepted again").isEqualTo(200);
  }
}
