package io.teleconsultation.support;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * WireMock stubs for a user directory in the Auth0 style of the old service's {@code AUTH_SERVICE}
 * ({@code GET /users/{id}}), and for a custom id endpoint ({@code GET /custom-users/?_id=…}).
 */
public final class DirectoryStubs {

  public static final String CUSTOM_USERS = "/custom-users/";

  private final WireMockExtension directory;

  public DirectoryStubs(WireMockExtension directory) {
    this.directory = directory;
  }

  /** The directory as the old service's setting names it: a bare host (and port), no scheme. */
  public String bareHost() {
    return "127.0.0.1:" + directory.getPort();
  }

  public static String path(String userId) {
    return "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An Auth0 user with {@code name} and {@code groups} at the top level. */
  public DirectoryStubs user(String userId, String name, String... groups) {
    return answers(userId, new JsonObject().put("user_id", userId).put("name", name)
        .put("groups", new JsonArray(List.of(groups))));
  }

  public DirectoryStubs answers(String userId, JsonObject user) {
    directory.stubFor(get(urlEqualTo(path(userId))).willReturn(jsonResponse(user.encode(), 200)));
    return this;
  }

  public DirectoryStubs unknown(String userId) {
    directory.stubFor(get(urlEqualTo(path(userId)))
        .willReturn(jsonResponse("{\"statusCode\":404,\"error\":\"Not Found\"}", 404)));
    return this;
  }

  /** The custom id endpoint resolves {@code customId} to {@code directoryId}, answering an array as a CRUD does. */
  public DirectoryStubs customId(String customId, String directoryId) {
    directory.stubFor(get(urlPathEqualTo(CUSTOM_USERS)).withQueryParam("_id", equalTo(customId))
        .willReturn(jsonResponse(new JsonArray().add(new JsonObject().put("_id", customId)
            .put("authUserId", directoryId)).encode(), 200)));
    return this;
  }

  public DirectoryStubs unknownCustomId(String customId) {
    directory.stubFor(get(urlPathEqualTo(CUSTOM_USERS)).withQueryParam("_id", equalTo(customId))
        .willReturn(jsonResponse("[]", 200)));
    return this;
  }

  /** The requests the directory received for this user. */
  public List<LoggedRequest> lookupsOf(String userId) {
    return directory.findAll(getRequestedFor(urlEqualTo(path(userId))));
  }
}
