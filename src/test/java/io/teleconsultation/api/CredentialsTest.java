package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** POST /credentials: SDK credentials for the caller's own Kaleyra user (docs/original-service.md, "SDK credentials"). Default config. */
@ExtendWith(VertxExtension.class)
class CredentialsTest {

  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.secret-signature";

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static Service service;
  static Contract contract;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, wireMock.baseUrl() + "/v2", TestDatabase.create(), Map.of());
    contract = Contract.load(vertx);
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  /** Kaleyra creates users and issues credentials for whoever asks, echoing the user id. */
  @BeforeEach
  void kaleyraWorks() {
    wireMock.stubFor(post(urlEqualTo("/v2/users")).willReturn(jsonResponse("{\"id\":\"created\"}", 201)));
    wireMock.stubFor(post(urlEqualTo("/v2/sdk/credentials")).willReturn(aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"" + TOKEN + "\",\"expires_at\":\"2030-01-10T11:41:19.000Z\","
            + "\"user_id\":\"{{jsonPath request.body '$.user_id'}}\"}")
        .withTransformers("response-template")));
  }

  private HttpResponse<Buffer> credentials(String callerId, String groups, JsonObject body) {
    HttpRequest<Buffer> request = service.request(HttpMethod.POST, "/credentials");
    if (callerId != null) {
      request.putHeader("miauserid", callerId);
    }
    if (groups != null) {
      request.putHeader("miausergroups", groups);
    }
    HttpResponse<Buffer> response = body == null ? request.send().await() : request.sendJsonObject(body).await();
    return contract.check("createCredentials", response);
  }

  private List<JsonObject> credentialRequests(String kaleyraUserId) {
    return wireMock.findAll(postRequestedFor(urlEqualTo("/v2/sdk/credentials"))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(JsonObject::new)
        .filter(body -> kaleyraUserId.equals(body.getString("user_id")))
        .toList();
  }

  @Test
  void withoutABodyTheTokenLastsAnHourAndIsForTheCallersKaleyraUser() {
    HttpResponse<Buffer> response = credentials("auth0|sdk-1", "doctor", null);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("accessToken", TOKEN)
        .put("expiresAt", "2030-01-10T11:41:19.000Z")
        .put("bandyerUserId", KaleyraUserId.of("auth0|sdk-1")));
    assertThat(credentialRequests(KaleyraUserId.of("auth0|sdk-1")))
        .containsExactly(new JsonObject().put("user_id", KaleyraUserId.of("auth0|sdk-1")).put("expires_in", 3600));
    wireMock.verify(postRequestedFor(urlEqualTo("/v2/sdk/credentials")).withHeader("apikey", equalTo(Service.API_KEY)));
  }

  @Test
  void anEmptyBodyAlsoMeansAnHour() {
    HttpResponse<Buffer> response = credentials("sdk-empty-body", null, new JsonObject());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(credentialRequests(KaleyraUserId.of("sdk-empty-body")).get(0).getInteger("expires_in")).isEqualTo(3600);
  }

  @Test
  void explicitExpiresInIsForwardedToKaleyra() {
    HttpResponse<Buffer> response = credentials("sdk-2", "patient", new JsonObject().put("expiresIn", 86400));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(credentialRequests(KaleyraUserId.of("sdk-2")).get(0).getInteger("expires_in")).isEqualTo(86400);
  }

  @Test
  void expiresInOutsideSixMinutesToADayIsRefusedBeforeKaleyraIsCalled() {
    HttpResponse<Buffer> tooShort = credentials("sdk-3", "doctor", new JsonObject().put("expiresIn", 359));
    HttpResponse<Buffer> tooLong = credentials("sdk-3", "doctor", new JsonObject().put("expiresIn", 86401));

    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(tooShort.bodyAsJsonObject().getString("detail")).contains("expiresIn");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(credentialRequests(KaleyraUserId.of("sdk-3"))).isEmpty();
  }

  @Test
  void callerWithoutIdentityIsUnauthorizedAndNothingIsCreated() {
    int usersBefore = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users"))).size();

    HttpResponse<Buffer> response = credentials(null, "doctor", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("Unauthorized user");
    assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users")))).hasSize(usersBefore);
  }

  @Test
  void anUnknownCallerIsCreatedOnKaleyraOnceAndRemembered() {
    credentials("auth0|sdk-new", "doctor", null);
    credentials("auth0|sdk-new", "doctor", null);

    List<JsonObject> created = wireMock.findAll(postRequestedFor(urlEqualTo("/v2/users"))).stream()
        .map(request -> new JsonObject(request.getBodyAsString()))
        .filter(user -> KaleyraUserId.of("auth0|sdk-new").equals(user.getString("id")))
        .toList();
    assertThat(created).hasSize(1);
    assertThat(created.get(0).getString("role")).isEqualTo("plus");
    assertThat(credentialRequests(KaleyraUserId.of("auth0|sdk-new"))).hasSize(2);
  }

  @Test
  void aCallerWithoutAKnownGroupBecomesABasicUserInsteadOfBeingRefused() {
    HttpResponse<Buffer> response = credentials("sdk-nurse", "nurse,staff", null);

    assertThat(response.statusCode()).isEqualTo(201);
    wireMock.verify(postRequestedFor(urlEqualTo("/v2/users"))
        .withRequestBody(equalToJson("{\"id\":\"" + KaleyraUserId.of("sdk-nurse") + "\",\"role\":\"basic\"}")));
  }

  @Test
  void kaleyraRefusingTheCredentialsIsABadGatewayThatDoesNotLeakTheKey() {
    wireMock.stubFor(post(urlEqualTo("/v2/sdk/credentials")).willReturn(jsonResponse("{\"error\":\"invalid\"}", 422)));

    HttpResponse<Buffer> response = credentials("sdk-refused", "doctor", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.bodyAsString()).doesNotContain(Service.API_KEY);
  }

  @Test
  void theAccessTokenNeverReachesTheLogs() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try {
      assertThat(credentials("sdk-logged", "doctor", null).statusCode()).isEqualTo(201);
      // A body Kaleyra should not send: the token inside a text that is not JSON.
      wireMock.stubFor(post(urlEqualTo("/v2/sdk/credentials"))
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(TOKEN)));
      HttpResponse<Buffer> unreadable = credentials("sdk-logged", "doctor", null);
      assertThat(unreadable.statusCode()).isEqualTo(502);
      assertThat(unreadable.bodyAsString()).doesNotContain(TOKEN);
    } finally {
      root.detachAppender(logs);
    }

    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())).doesNotContain(TOKEN));
  }
}
