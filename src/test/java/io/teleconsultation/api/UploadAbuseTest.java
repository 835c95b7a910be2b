package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.teleconsultation.support.Uploads;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * POST /settings/background-image against a hostile client: many parts, no identity, an abandoned body, too many
 * uploads at once. Whatever happens, nothing stays in DATA_DIR/uploads and nothing answers 500.
 */
@ExtendWith(VertxExtension.class)
class UploadAbuseTest {

  static final String BOUNDARY = "----abuse-boundary-7MA4YWxkTrZu0gW";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  static Path dataDir;
  static Path uploadDir;
  static Path leftover;
  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    uploadDir = dataDir.resolve("uploads");
    Files.createDirectories(uploadDir);
    leftover = Files.write(uploadDir.resolve("upload-left-by-a-crash"), new byte[1024]);
    leftover.toFile().setLastModified(System.currentTimeMillis() - 3_600_000);
    service = Service.start(vertx, wireMock.baseUrl() + "/v2", TestDatabase.create(), Map.of(
        "DATA_DIR", dataDir.toString(), "UPLOADS_MAX_CONCURRENT", 1));
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @AfterEach
  void noUploadIsLeftOnDisk() {
    assertThat(Uploads.filesLeftIn(uploadDir)).isEmpty();
  }

  /** A multipart body of {@code parts} file parts named {@code virtual_background}, each {@code size} bytes. */
  static Buffer manyParts(int parts, int size) {
    Buffer body = Buffer.buffer();
    byte[] content = new byte[size];
    content[0] = (byte) 0xFF;
    content[1] = (byte) 0xD8;
    content[2] = (byte) 0xFF;
    for (int i = 0; i < parts; i++) {
      body.appendString("--" + BOUNDARY + "\r\n"
          + "Content-Disposition: form-data; name=\"virtual_background\"; filename=\"bg" + i + ".jpg\"\r\n"
          + "Content-Type: image/jpeg\r\n\r\n");
      body.appendBytes(content).appendString("\r\n");
    }
    return body.appendString("--" + BOUNDARY + "--\r\n");
  }

  private HttpResponse<Buffer> send(Buffer body, String callerId, String groups) {
    HttpRequest<Buffer> request = service.request(HttpMethod.POST, "/settings/background-image")
        .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    if (callerId != null) {
      request.putHeader("miauserid", callerId).putHeader("miausergroups", groups);
    }
    return contract.check("uploadBackgroundImage", request.sendBuffer(body).await());
  }

  private static int kaleyraUploads() {
    return wireMock.findAll(postRequestedFor(urlEqualTo("/v2/company/virtual_backgrounds"))).size();
  }

  @Test
  void filesLeftByAnEarlierRunAreSweptAtStart() {
    assertThat(leftover).doesNotExist();
  }

  @Test
  void threeHundredFilePartsAreRefusedAtTheSecondPartAndLeaveNoFile() {
    Buffer nineMegabytes = manyParts(300, 30_000);
    int before = kaleyraUploads();

    HttpResponse<Buffer> response = send(nineMegabytes, "auth0|admin-1", "admin");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The form must carry exactly one part, the file 'virtual_background': a second part is not accepted");
    assertThat(kaleyraUploads()).isEqualTo(before);
  }

  @Test
  void threeHundredFilePartsWithoutIdentityAreRefusedBeforeTheBodyIsRead() {
    int before = kaleyraUploads();
    HttpResponse<Buffer> response = send(manyParts(300, 30_000), null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(kaleyraUploads()).isEqualTo(before);
  }

  @Test
  void aCallerOutsideSettingsGroupsIsRefusedBeforeTheBodyIsRead() {
    int before = kaleyraUploads();
    HttpResponse<Buffer> response = send(manyParts(1, 30_000), "patient-7", "patient");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("The user is not allowed to change the settings");
    assertThat(kaleyraUploads()).isEqualTo(before);
  }

  @Test
  void anUploadAbortedMidBodyLeavesNoFileAndLogsOneDebugLineNoError(Vertx vertx) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger reader = (Logger) LoggerFactory.getLogger(ImageUploadReader.class);
    Level level = reader.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    reader.setLevel(Level.DEBUG);
    try {
      NetSocket socket = startUpload(vertx);
      waitUntil(() -> !Uploads.filesLeftInNow(uploadDir).isEmpty());

      socket.close().await();

      assertThat(Uploads.filesLeftIn(uploadDir)).isEmpty();
      waitUntil(() -> logs.list.stream().anyMatch(e -> e.getLoggerName().equals(ImageUploadReader.class.getName())));
      assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
      assertThat(logs.list).filteredOn(e -> e.getLoggerName().equals(ImageUploadReader.class.getName()))
          .singleElement()
          .satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).startsWith("Background image upload aborted by the client");
            assertThat(e.getThrowableProxy()).isNull();
          });
    } finally {
      root.detachAppender(logs);
      reader.setLevel(level);
    }
  }

  @Test
  void beyondTheConcurrentUploadCapTheNextUploadIsRefusedWith503(Vertx vertx) throws Exception {
    NetSocket inProgress = startUpload(vertx);
    waitUntil(() -> !Uploads.filesLeftInNow(uploadDir).isEmpty());

    HttpResponse<Buffer> refused = send(manyParts(1, 30_000), "auth0|admin-1", "admin");
    inProgress.close().await();

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(refused.bodyAsJsonObject().getString("detail")).isEqualTo(ImageUploadReader.TOO_MANY);
    waitUntil(() -> Uploads.filesLeftInNow(uploadDir).isEmpty());
    // The slot is free again once the abandoned upload is gone.
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v2/company/virtual_backgrounds"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.jsonResponse(
            "{\"background_alias\":\"a1\",\"url\":\"https://static.bandyer.test/a1.jpg\","
                + "\"creation_date\":\"2030-01-09T10:00:00.000Z\"}", 201)));
    HttpResponse<Buffer> after = send(manyParts(1, 30_000), "auth0|admin-2", "admin");
    assertThat(after.statusCode()).isEqualTo(200);
  }

  /** An upload that sends its headers and the start of its image, then stalls (the socket stays open). */
  private NetSocket startUpload(Vertx vertx) {
    NetSocket socket = vertx.createNetClient().connect(service.port(), "127.0.0.1").await();
    Buffer part = Buffer.buffer("--" + BOUNDARY + "\r\n"
        + "Content-Disposition: form-data; name=\"virtual_background\"; filename=\"bg.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").appendBytes(new byte[200_000]);
    socket.write(Buffer.buffer("POST /settings/background-image HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "miauserid: auth0|admin-1\r\nmiausergroups: admin\r\n"
        + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
        + "Content-Length: 2000000\r\n\r\n", StandardCharsets.ISO_8859_1.name()).appendBuffer(part)).await();
    return socket;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
  }
}
