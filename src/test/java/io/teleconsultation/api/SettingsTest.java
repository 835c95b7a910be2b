package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.teleconsultation.support.Uploads;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PATCH /settings/update (docs/original-service.md, "Settings"), and who may change settings: only the {@code settingsGroups} of the JSON
 * config ({@code admin} in the default config: {@code open}; {@code admin} and {@code it}: {@code restricted}).
 */
@ExtendWith(VertxExtension.class)
class SettingsTest {

  static final String COMPANY = """
      {"name": "Acme Health", "default_language": "it",
       "default_background": {"alias": "3e4d06", "url": "https://static.bandyer.test/bg.jpg",
                              "creation_date": "2030-01-09T10:00:00.000Z"},
       "end_call_redirect_url": "", "end_call_redirect_timeout_ms": 5000, "user_details_provider_url": "",
       "feature_flags": {"recording": true}}""";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  static Path directory;
  static Service open;
  /** On a Vert.x of its own: two services on one event bus would answer each other's requests. */
  static Vertx restrictedNode;
  static Service restricted;
  static Contract contract;

  @TempDir
  Path files;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    open = Service.start(vertx, wireMock.baseUrl() + "/v2", TestDatabase.create(),
        Map.of("DATA_DIR", directory.resolve("open").toString()));
    Path config = Files.writeString(directory.resolve("settings-groups.json"), """
        {"privileges": {"plus": {"groups": ["doctor"]}, "basic": {"groups": ["patient"]}},
         "settingsGroups": ["admin", "it"]}
        """);
    restrictedNode = Vertx.vertx();
    restricted = Service.start(restrictedNode, wireMock.baseUrl() + "/v2", TestDatabase.create(), Map.of(
        "DATA_DIR", directory.resolve("restricted").toString(),
        "TELECONSULTATION_SERVICE_CONFIG_PATH", config.toString()));
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    open.stop();
    restricted.stop();
    restrictedNode.close().await();
  }

  @BeforeEach
  void kaleyraWorks() {
    wireMock.stubFor(put(urlEqualTo("/v2/company")).willReturn(jsonResponse(COMPANY, 200)));
    wireMock.stubFor(post(urlEqualTo("/v2/company/virtual_backgrounds")).willReturn(jsonResponse(
        "{\"background_alias\":\"a1\",\"url\":\"https://static.bandyer.test/a1.png\","
            + "\"creation_date\":\"2030-01-09T10:00:00.000Z\"}", 201)));
  }

  private static HttpResponse<Buffer> update(Service service, String callerId, String groups, JsonObject body) {
    HttpRequest<Buffer> request = service.request(HttpMethod.PATCH, "/settings/update");
    if (callerId != null) {
      request.putHeader("miauserid", callerId);
    }
    if (groups != null) {
      request.putHeader("miausergroups", groups);
    }
    return contract.check("updateSettings", request.sendJsonObject(body).await());
  }

  private HttpResponse<Buffer> upload(Service service, String callerId, String groups) {
    Path jpeg = Uploads.image(files, "logo.jpg", "jpg");
    HttpResponse<Buffer> response = service.request(HttpMethod.POST, "/settings/background-image")
        .putHeader("miauserid", callerId).putHeader("miausergroups", groups)
        .sendMultipartForm(MultipartForm.create()
            .binaryFileUpload("virtual_background", "logo.jpg", jpeg.toString(), "image/jpeg"))
        .await();
    return contract.check("uploadBackgroundImage", response);
  }

  private static JsonObject alias(String alias) {
    return new JsonObject().put("background_alias", alias);
  }

  @Test
  void theAliasBecomesTheCompanyDefaultAndTheCompanyComesBackAsKaleyraReturnedIt() {
    HttpResponse<Buffer> response = update(open, "auth0|admin-1", "admin", alias("3e4d06"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("company", new JsonObject(COMPANY)));
    wireMock.verify(putRequestedFor(urlEqualTo("/v2/company"))
        .withHeader("apikey", equalTo(Service.API_KEY))
        .withRequestBody(equalToJson("{\"background_alias\":\"3e4d06\"}")));
  }

  @Test
  void anAliasKaleyraDoesNotKnowIsABadRequest() {
    wireMock.stubFor(put(urlEqualTo("/v2/company")).willReturn(jsonResponse("{\"error\":\"not found\"}", 404)));

    HttpResponse<Buffer> response = update(open, "auth0|admin-1", "admin", alias("nope"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("nope");
  }

  @Test
  void aBodyWithoutAnAliasIsRefusedBeforeKaleyraIsCalled() {
    int before = wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company"))).size();

    HttpResponse<Buffer> response = update(open, "auth0|admin-1", "admin", new JsonObject().put("alias", "x"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company")))).hasSize(before);
  }

  @Test
  void callerWithoutIdentityIsUnauthorized() {
    HttpResponse<Buffer> response = update(open, null, "admin", alias("3e4d06"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
  }

  @Test
  void kaleyraFailingIsABadGateway() {
    wireMock.stubFor(put(urlEqualTo("/v2/company")).willReturn(aResponse().withStatus(503)));

    HttpResponse<Buffer> response = update(open, "auth0|admin-1", "admin", alias("3e4d06"));

    assertThat(response.statusCode()).isEqualTo(502);
  }

  @Test
  void withSettingsGroupsACallerOutsideThemMayNotChangeTheDefaultBackground() {
    int before = wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company"))).size();

    HttpResponse<Buffer> response = update(restricted, "auth0|doctor-1", "doctor", alias("3e4d06"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("The user is not allowed to change the settings");
    assertThat(wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company")))).hasSize(before);
  }

  @Test
  void withSettingsGroupsACallerOutsideThemMayNotUploadAnImage() {
    int before = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/company/virtual_backgrounds"))).size();

    HttpResponse<Buffer> response = upload(restricted, "auth0|doctor-1", "doctor,patient");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/company/virtual_backgrounds")))).hasSize(before);
    assertThat(Uploads.filesLeftIn(directory.resolve("restricted").resolve("uploads"))).isEmpty();
  }

  @Test
  void withSettingsGroupsACallerInOneOfThemMayChangeSettings() {
    assertThat(update(restricted, "auth0|it-1", "doctor,it", alias("3e4d06")).statusCode()).isEqualTo(200);
    assertThat(upload(restricted, "auth0|admin-1", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void aPatientMayNotChangeTheCompanyDefaultBackgroundNorUploadOne() {
    int updates = wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company"))).size();
    int uploads = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/company/virtual_backgrounds"))).size();

    assertThat(update(open, "patient-7", "patient", alias("3e4d06")).statusCode()).isEqualTo(403);
    assertThat(upload(open, "patient-7", "patient").statusCode()).isEqualTo(403);
    assertThat(wireMock.findAll(putRequestedFor(urlEqualTo("/v2/company")))).hasSize(updates);
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/company/virtual_backgrounds")))).hasSize(uploads);
  }

  @Test
  void theDefaultConfigLetsTheAdminGroupChangeSettings() {
    assertThat(update(open, "auth0|admin-1", "admin", alias("3e4d06")).statusCode()).isEqualTo(200);
    assertThat(upload(open, "auth0|admin-1", "admin").statusCode()).isEqualTo(200);
  }
}
