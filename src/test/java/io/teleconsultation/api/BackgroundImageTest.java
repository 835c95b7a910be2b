package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.teleconsultation.support.Uploads;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /settings/background-image (docs/original-service.md, "Settings"): a JPEG of at least 1280×1280 pixels and at
 * most 10 MB, recognised by its content, streamed to Kaleyra from a temporary file that never outlives the request.
 * Default config: settingsGroups ["admin"].
 */
@ExtendWith(VertxExtension.class)
class BackgroundImageTest {

  static final String KALEYRA_PATH = "/v2/company/virtual_backgrounds";
  static final String ADMIN = "auth0|admin-1";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  static Path dataDir;
  static Path uploadDir;
  static Service service;
  static Contract contract;

  @TempDir
  Path files;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, wireMock.baseUrl() + "/v2", TestDatabase.create(),
        Map.of("DATA_DIR", dataDir.toString()));
    uploadDir = dataDir.resolve("uploads");
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  @BeforeEach
  void kaleyraStoresBackgrounds() {
    wireMock.stubFor(post(urlEqualTo(KALEYRA_PATH)).willReturn(jsonResponse(new JsonObject()
        .put("background_alias", "3e4d0683d78be3a884b7a60028644f57")
        .put("url", "https://static.bandyer.test/backgrounds/3e4d0683d78be3a884b7a60028644f57.jpg")
        .put("creation_date", "2030-01-09T10:00:00.000Z").encode(), 201)));
  }

  @AfterEach
  void noUploadOutlivesItsRequest() {
    assertThat(Uploads.filesLeftIn(uploadDir)).isEmpty();
  }

  private Future<HttpResponse<Buffer>> send(String callerId, MultipartForm form) {
    var request = service.request(HttpMethod.POST, "/settings/background-image");
    if (callerId != null) {
      request.putHeader("miauserid", callerId).putHeader("miausergroups", "admin");
    }
    return request.sendMultipartForm(form);
  }

  private HttpResponse<Buffer> upload(String callerId, MultipartForm form) {
    return contract.check("uploadBackgroundImage", send(callerId, form).await());
  }

  private static MultipartForm image(Path file, String declaredType) {
    return MultipartForm.create()
        .binaryFileUpload("virtual_background", file.getFileName().toString(), file.toString(), declaredType);
  }

  private static List<LoggedRequest> kaleyraUploads() {
    return wireMock.findAll(postRequestedFor(urlEqualTo(KALEYRA_PATH)));
  }

  private static Request.Part filePart(LoggedRequest request) {
    return request.getParts().stream().filter(part -> "file".equals(part.getName())).findFirst().orElseThrow();
  }

  @Test
  void aJpegIsForwardedToKaleyraAsIsAndItsAliasReturned() {
    Path jpeg = Uploads.image(files, "beach.jpg", "jpg");

    HttpResponse<Buffer> response = upload(ADMIN, image(jpeg, "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("virtual_background", new JsonObject()
        .put("background_alias", "3e4d0683d78be3a884b7a60028644f57")
        .put("url", "https://static.bandyer.test/backgrounds/3e4d0683d78be3a884b7a60028644f57.jpg")
        .put("creation_date", "2030-01-09T10:00:00.000Z")));
    LoggedRequest sent = kaleyraUploads().get(kaleyraUploads().size() - 1);
    assertThat(sent.getHeader("apikey")).isEqualTo(Service.API_KEY);
    Request.Part file = filePart(sent);
    assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
    assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"beach.jpg\"");
    assertThat(file.getBody().asBytes()).isEqualTo(Uploads.bytes(jpeg));
  }

  @Test
  void aJpegIsRecognisedByItsContentEvenWhenDeclaredAsSomethingElse() {
    Path jpeg = Uploads.image(files, "photo", "jpg");

    HttpResponse<Buffer> response = upload(ADMIN, image(jpeg, "application/octet-stream"));

    assertThat(response.statusCode()).isEqualTo(200);
    Request.Part file = filePart(kaleyraUploads().get(kaleyraUploads().size() - 1));
    assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
    assertThat(file.getBody().asBytes()).isEqualTo(Uploads.bytes(jpeg));
  }

  @Test
  void aPngIsRefusedWith415BecauseKaleyraAcceptsOnlyJpeg() {
    Path png = Uploads.image(files, "logo.png", "png");
    int before = kaleyraUploads().size();

    HttpResponse<Buffer> response = upload(ADMIN, image(png, "image/png"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The virtual background must be a JPEG image (Kaleyra does not accept PNG)");
    assertThat(kaleyraUploads()).hasSize(before);
  }

  @Test
  void aJpegSmallerThanKaleyrasMinimumIsRefusedWith400NamingBothSizes() {
    Path small = Uploads.image(files, "small.jpg", "jpg", 1280, 720);
    int before = kaleyraUploads().size();

    HttpResponse<Buffer> response = upload(ADMIN, image(small, "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("The virtual background must be at least 1280×1280 pixels, not 1280×720");
    assertThat(kaleyraUploads()).hasSize(before);
  }

  @Test
  void kaleyraRefusingTheImageIsA409ThatNamesItsLimitOfTenBackgrounds() {
    wireMock.stubFor(post(urlEqualTo(KALEYRA_PATH)).willReturn(jsonResponse("{\"error\":\"limit reached\"}", 400)));

    HttpResponse<Buffer> response = upload(ADMIN, image(Uploads.image(files, "beach.jpg", "jpg"), "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("at most 10 backgrounds per company");
  }

  @Test
  void anElevenMegabyteUploadIsRefusedWith413() {
    byte[] big = new byte[11 * 1024 * 1024];
    System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 0, big, 0, 3);
    Path file = Uploads.file(files, "huge.jpg", big);
    int before = kaleyraUploads().size();

    HttpResponse<Buffer> response = upload(ADMIN, image(file, "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("The image is larger than 10 MB");
    assertThat(kaleyraUploads()).hasSize(before);
  }

  @Test
  void aFormWithoutTheVirtualBackgroundFileIsRefusedWith400() {
    Path jpeg = Uploads.image(files, "beach.jpg", "jpg");
    MultipartForm otherPartOnly = MultipartForm.create()
        .attribute("virtual_background", "beach.jpg")
        .binaryFileUpload("image", "beach.jpg", jpeg.toString(), "image/jpeg");

    HttpResponse<Buffer> response = upload(ADMIN, otherPartOnly);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .startsWith("The form must carry exactly one part, the file 'virtual_background'");
  }

  @Test
  void callerWithoutIdentityIsUnauthorized() {
    Path jpeg = Uploads.image(files, "beach.jpg", "jpg");
    int before = kaleyraUploads().size();

    HttpResponse<Buffer> response = upload(null, image(jpeg, "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
    assertThat(kaleyraUploads()).hasSize(before);
  }

  @Test
  void kaleyraFailingIsABadGatewayAndTheUploadIsStillDeleted() {
    wireMock.stubFor(post(urlEqualTo(KALEYRA_PATH)).willReturn(aResponse().withStatus(500)));

    HttpResponse<Buffer> response = upload(ADMIN, image(Uploads.image(files, "beach.jpg", "jpg"), "image/jpeg"));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsString()).doesNotContain(Service.API_KEY);
  }

  @Test
  void theImageWaitsInTheUploadDirectoryOnlyWhileKaleyraReceivesIt() throws Exception {
    wireMock.stubFor(post(urlEqualTo(KALEYRA_PATH)).willReturn(jsonResponse(new JsonObject()
        .put("background_alias", "slow").put("url", "https://static.bandyer.test/slow.jpg")
        .put("creation_date", "2030-01-09T10:00:00.000Z").encode(), 201).withFixedDelay(800)));

    Future<HttpResponse<Buffer>> pending = send(ADMIN, image(Uploads.image(files, "beach.jpg", "jpg"), "image/jpeg"));
    long deadline = System.currentTimeMillis() + 2000;
    while (isEmpty(uploadDir) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }

    assertThat(isEmpty(uploadDir)).as("the image is on disk while Kaleyra receives it").isFalse();
    assertThat(contract.check("uploadBackgroundImage", pending.await()).statusCode()).isEqualTo(200);
    assertThat(Uploads.filesLeftIn(uploadDir)).as("and gone once answered").isEmpty();
  }

  private static boolean isEmpty(Path directory) throws Exception {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** A node of its own (another Vert.x instance): this class's service would otherwise answer on the same node. */
  @Test
  void withoutAKaleyraVerticleOnThisNodeTheUploadIsUnavailable(@TempDir Path otherDataDir) {
    Vertx node = Vertx.vertx();
    Service httpOnly = Service.start(node, wireMock.baseUrl() + "/v2", TestDatabase.create(),
        Map.of("DATA_DIR", otherDataDir.toString(), "VERTICLES", "http,persistence"));
    try {
      HttpResponse<Buffer> response = httpOnly.request(HttpMethod.POST, "/settings/background-image")
          .putHeader("miauserid", ADMIN).putHeader("miausergroups", "admin")
          .sendMultipartForm(image(Uploads.image(files, "beach.jpg", "jpg"), "image/jpeg")).await();

      contract.check("uploadBackgroundImage", response);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("detail")).contains("Kaleyra");
      assertThat(Uploads.filesLeftIn(otherDataDir.resolve("uploads"))).isEmpty();
    } finally {
      httpOnly.stop();
      node.close().await();
    }
  }
}
