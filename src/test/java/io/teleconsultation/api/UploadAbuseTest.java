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
import io.vertx.core.Promise;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    // A JPEG's start and its frame header saying 1280×1280, the least Kaleyra accepts (BackgroundImageLimits).
    byte[] jpegHead = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x05, 0x00, 0x05, 0x00};
    System.arraycopy(jpegHead, 0, content, 0, jpegHead.length);
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

  /** A raw connection, and everything the server sends on it. */
  record RawConnection(NetSocket socket, Buffer received, Promise<String> closed) {

    static RawConnection open(Vertx vertx) {
      NetSocket socket = vertx.createNetClient().connect(service.port(), "127.0.0.1").await();
      Buffer received = Buffer.buffer();
      Promise<String> closed = Promise.promise();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> closed.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      return new RawConnection(socket, received, closed);
    }

    RawConnection send(String data) {
      socket.write(Buffer.buffer(data, StandardCharsets.ISO_8859_1.name())).await();
      return this;
    }

    /**
     * What the server sent before closing the connection. The request timeout is 30 s here (the connection would be
     * closed after 60 s at the latest), so closing within 10 s is the server's decision after its answer.
     */
    String untilClosed() {
      return closed.future().timeout(10, TimeUnit.SECONDS).await();
    }

    String receivedSoFar() {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** The head of an upload request, as an admin unless {@code identity} says otherwise. */
  private static String head(String contentType, int contentLength, String extraHeaders) {
    return "POST /settings/background-image HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n" + extraHeaders + "\r\n";
  }

  private static final String ADMIN_HEADERS = "miauserid: auth0|admin-1\r\nmiausergroups: admin\r\n";

  /** A whole multipart body made of these parts (each: its headers, an empty line, its content). */
  private static String multipart(String... parts) {
    StringBuilder body = new StringBuilder();
    for (String part : parts) {
      body.append("--").append(BOUNDARY).append("\r\n").append(part).append("\r\n");
    }
    return body.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  private static String imagePart() {
    return "Content-Disposition: form-data; name=\"virtual_background\"; filename=\"bg.jpg\"\r\n"
        // A JPEG's start and its frame header saying 1280×1280, the least Kaleyra accepts (BackgroundImageLimits).
        + "Content-Type: image/jpeg\r\n\r\n\u00FF\u00D8\u00FF\u00C0\u0000\u0011\u0008\u0005\u0000\u0005\u0000jpeg";
  }

  private static void backgroundsAreStored() {
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v2/company/virtual_backgrounds"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.jsonResponse(
            "{\"background_alias\":\"a1\",\"url\":\"https://static.bandyer.test/a1.jpg\","
                + "\"creation_date\":\"2030-01-09T10:00:00.000Z\"}", 201)));
  }

  @Test
  void aBodyTheMultipartDecoderCannotReadIsAnswered400AndTheConnectionClosed(Vertx vertx) {
    List<String> malformed = List.of(
        multipart("Content-Disposition: form-data; name=\"" + "n".repeat(2000) + "\"; filename=\"bg.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\njpeg"),
        multipart("Content-Disposition: form-data; name=\"virtual_background\"; filename=\"" + "f".repeat(5000)
            + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\njpeg"),
        multipart("Content-Disposition: form-data; name=\"note\"\r\n\r\n" + "v".repeat(9000), imagePart()));
    int before = kaleyraUploads();

    for (String body : malformed) {
      String answer = RawConnection.open(vertx)
          .send(head("multipart/form-data; boundary=" + BOUNDARY, body.length(), ADMIN_HEADERS) + body)
          .untilClosed();

      assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close")
          .contains("application/problem+json").containsAnyOf("exactly one part", "cannot be read");
    }
    assertThat(kaleyraUploads()).isEqualTo(before);
  }

  @Test
  void aMissingEmptyOrOverlongBoundaryIs400BeforeTheBodyIsRead() {
    for (String contentType : List.of("multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data", "multipart/form-data; boundary=" + "b".repeat(71))) {
      HttpResponse<Buffer> response = contract.check("uploadBackgroundImage",
          service.request(HttpMethod.POST, "/settings/background-image").putHeader("Content-Type", contentType)
              .putHeader("miauserid", "auth0|admin-1").putHeader("miausergroups", "admin")
              .sendBuffer(manyParts(1, 1000)).await());

      assertThat(response.statusCode()).as(contentType).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(ImageUploadReader.BAD_BOUNDARY);
    }
  }

  @Test
  void aClientThatExpects100ContinueIsToldToSendTheBodyOnceTheChecksPass(Vertx vertx) throws Exception {
    backgroundsAreStored();
    String body = multipart(imagePart());
    RawConnection connection = RawConnection.open(vertx).send(head("multipart/form-data; boundary=" + BOUNDARY,
        body.length(), ADMIN_HEADERS + "Expect: 100-continue\r\n"));

    waitUntil(() -> connection.receivedSoFar().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    connection.send(body);

    waitUntil(() -> connection.receivedSoFar().contains("HTTP/1.1 200 OK"));
    connection.socket().close().await();
  }

  @Test
  void aClientThatExpects100ContinueButMayNotUploadGetsTheRefusalInstead(Vertx vertx) {
    String body = multipart(imagePart());

    String answer = RawConnection.open(vertx).send(head("multipart/form-data; boundary=" + BOUNDARY, body.length(),
        "miauserid: patient-7\r\nmiausergroups: patient\r\nExpect: 100-continue\r\n")).untilClosed();

    assertThat(answer).startsWith("HTTP/1.1 403 ").doesNotContain("100 Continue");
  }

  @Test
  void aFormFieldBeforeOrAfterTheImageIsRefused() {
    String field = "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello";
    int before = kaleyraUploads();

    for (String body : List.of(multipart(field, imagePart()), multipart(imagePart(), field))) {
      HttpResponse<Buffer> response = send(Buffer.buffer(body, StandardCharsets.ISO_8859_1.name()),
          "auth0|admin-1", "admin");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail"))
          .isEqualTo("The form must carry exactly one part, the file 'virtual_background': a form field is not accepted");
    }
    assertThat(kaleyraUploads()).isEqualTo(before);
  }

  @Test
  void aRefusalClosesTheConnectionOnceAnswered(Vertx vertx) {
    String body = multipart(imagePart());

    String beforeTheBody = RawConnection.open(vertx).send(head("multipart/form-data; boundary=" + BOUNDARY,
        body.length(), "miauserid: patient-7\r\nmiausergroups: patient\r\n") + body).untilClosed();
    String atASecondPart = RawConnection.open(vertx).send(head("multipart/form-data; boundary=" + BOUNDARY,
        multipart(imagePart(), imagePart()).length(), ADMIN_HEADERS) + multipart(imagePart(), imagePart())).untilClosed();

    assertThat(beforeTheBody).startsWith("HTTP/1.1 403 ").containsIgnoringCase("connection: close");
    assertThat(atASecondPart).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
  }

  @Test
  void aSecondIdentityOrGroupsHeaderIs400BeforeTheBodyIsRead() {
    int before = kaleyraUploads();
    for (String header : List.of("miauserid", "miausergroups")) {
      HttpRequest<Buffer> request = service.request(HttpMethod.POST, "/settings/background-image")
          .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
          .putHeader("miauserid", "auth0|admin-1").putHeader("miausergroups", "admin");
      request.headers().add(header, header.equals("miauserid") ? "someone-else" : "admin");

      HttpResponse<Buffer> response = contract.check("uploadBackgroundImage", request.sendBuffer(manyParts(1, 1000)).await());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("The header " + header + " must appear at most once");
    }
    assertThat(kaleyraUploads()).isEqualTo(before);
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
