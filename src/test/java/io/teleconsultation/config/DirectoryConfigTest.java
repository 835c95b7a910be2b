package io.teleconsultation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settings of the user-directory mode, checked at start with errors that name the setting. */
@ExtendWith(VertxExtension.class)
class DirectoryConfigTest {

  @Test
  void withoutAuthServiceTheModeIsOff(Vertx vertx) {
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject()).await();

    assertThat(config.directoryEnabled()).isFalse();
    assertThat(DirectoryConfig.of(config, new PrivilegesConfig(new JsonObject()))).isNull();
  }

  @Test
  void aBareHostNameMeansPlainHttpAsTheOldServiceWroteIt(Vertx vertx) {
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject().put("AUTH_SERVICE", "auth0-client")).await();

    assertThat(config.directoryBaseUrl()).isEqualTo("http://auth0-client");
    assertThat(ConfigurationLoader.load(vertx, new JsonObject().put("AUTH_SERVICE", "https://users.example.com:8443/"))
        .await().directoryBaseUrl()).isEqualTo("https://users.example.com:8443");
  }

  @Test
  void aCustomIdEndpointWithoutTheDirectoryIsRefusedAtStartUp(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("CUSTOM_ID_USERS_API_ENDPOINT", "http://crud-service/users/")).await())
        .hasMessageContaining("CUSTOM_ID_USERS_API_ENDPOINT works only with AUTH_SERVICE");
  }

  @Test
  void anAuthServiceThatIsNoUrlIsRefusedAtStartUp(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx, new JsonObject().put("AUTH_SERVICE", "ftp://x")).await())
        .hasMessageContaining("AUTH_SERVICE must be a host name or an http(s) URL");
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("AUTH_SERVICE", "auth0-client").put("DIRECTORY_TIMEOUT_MS", 0)).await())
        .hasMessageContaining("DIRECTORY_TIMEOUT_MS must be a positive number");
  }

  @Test
  void theDefaultsReadAnAuth0User() {
    DirectoryConfig config = DirectoryConfig.parse("http://auth0-client", "backoffice", null, new JsonObject());

    assertThat(config.userUrl("auth0|5f1b 2c")).isEqualTo("http://auth0-client/users/auth0%7C5f1b%202c");
    assertThat(config.namePaths()).containsExactly(List.of("name"), List.of("fullName"),
        List.of("given_name", "family_name"));
    assertThat(config.groupsPaths()).containsExactly("groups", "app_metadata.groups");
    assertThat(config.resolvesCustomIds()).isFalse();
  }

  @Test
  void theUserPathAndTheFieldPathsAreConfigurable() {
    DirectoryConfig config = DirectoryConfig.parse("http://directory", null, null, new JsonObject()
        .put("userDirectory", new JsonObject()
            .put("userPath", "/v2/people/{userId}?fields=all")
            .put("namePaths", new JsonArray().add("profile.displayName").add(new JsonArray().add("first").add("last")))
            .put("groupsPaths", new JsonArray().add("profile.roles"))));

    assertThat(config.userUrl("a/b")).isEqualTo("http://directory/v2/people/a%2Fb?fields=all");
    assertThat(config.namePaths()).containsExactly(List.of("profile.displayName"), List.of("first", "last"));
    assertThat(config.groupsPaths()).containsExactly("profile.roles");
  }

  @Test
  void customIdsNeedCustomUserIdAndAreResolvedByAQuery() {
    assertThatThrownBy(() -> DirectoryConfig.parse("http://d", null, "http://crud/users/", new JsonObject()))
        .hasMessageContaining("customUserId");

    DirectoryConfig config = DirectoryConfig.parse("http://d", null, "http://crud/users/", new JsonObject()
        .put("customUserId", new JsonObject().put("source", "email").put("target", "authUserId")));

    assertThat(config.customIdUrl("jane+doe@example.com")).isEqualTo("http://crud/users/?email=jane%2Bdoe%40example.com");
    assertThat(config.customIdTarget()).isEqualTo("authUserId");
  }

  @Test
  void aUserPathWithoutTheIdIsRefused() {
    assertThatThrownBy(() -> DirectoryConfig.parse("http://d", null, null,
            new JsonObject().put("userDirectory", new JsonObject().put("userPath", "/users/me"))))
        .hasMessageContaining("userDirectory.userPath must start with / and contain {userId}");
    assertThatThrownBy(() -> DirectoryConfig.parse("http://d", null, null,
            new JsonObject().put("userDirectory", new JsonObject().put("groupsPaths", new JsonArray().add(3)))))
        .hasMessageContaining("userDirectory.groupsPaths");
  }
}
