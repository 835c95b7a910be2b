package io.teleconsultation.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleconsultation.config.DirectoryConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory's answers are untrusted: read where configured, refused (502) when they are not a user. */
class DirectoryAnswerTest {

  static final DirectoryConfig AUTH0 = new DirectoryConfig("http://d", null, DirectoryConfig.DEFAULT_USER_PATH,
      DirectoryConfig.DEFAULT_NAME_PATHS, DirectoryConfig.DEFAULT_GROUPS_PATHS, null, null, null);

  private static DirectoryUser read(JsonObject user) {
    return DirectoryAnswer.user("u1", "auth0|u1", user.toBuffer(), AUTH0);
  }

  @Test
  void theNameIsNameElseFullNameElseGivenAndFamilyName() {
    assertThat(read(new JsonObject().put("name", "Joe Smith").put("fullName", "J. S.")).fullName()).isEqualTo("Joe Smith");
    assertThat(read(new JsonObject().put("name", " ").put("fullName", "J. Smith")).fullName()).isEqualTo("J. Smith");
    assertThat(read(new JsonObject().put("given_name", "Jane").put("family_name", "Doe")).fullName()).isEqualTo("Jane Doe");
    assertThat(read(new JsonObject().put("given_name", "Jane")).fullName()).as("no whole name").isNull();
  }

  @Test
  void theGroupsAreGroupsElseAppMetadataGroups() {
    assertThat(read(new JsonObject().put("groups", new JsonArray().add("doctor"))
        .put("app_metadata", new JsonObject().put("groups", new JsonArray().add("patient")))).groups())
        .containsExactly("doctor");
    assertThat(read(new JsonObject().put("app_metadata", new JsonObject().put("groups", new JsonArray().add("patient"))))
        .groups()).containsExactly("patient");
    assertThat(read(new JsonObject().put("name", "No Groups")).groups()).isEmpty();
  }

  @Test
  void absurdValuesAreTheDirectorysFault() {
    assertThatThrownBy(() -> read(new JsonObject().put("name", "x".repeat(257))))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("longer than 256");
    assertThatThrownBy(() -> read(new JsonObject().put("groups", "doctor")))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("invalid groups at 'groups'");
    assertThatThrownBy(() -> read(new JsonObject().put("groups", new JsonArray(List.of(new JsonObject())))))
        .isInstanceOf(DirectoryException.class);
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 51; i++) {
      tooMany.add("g" + i);
    }
    assertThatThrownBy(() -> read(new JsonObject().put("groups", tooMany))).isInstanceOf(DirectoryException.class);
  }

  @Test
  void aNameOrAGroupTheDatabaseCannotStoreMakesTheAnswerUnusable() {
    assertThatThrownBy(() -> read(new JsonObject().put("name", "Dr.\u0000Nul").put("groups", new JsonArray().add("doctor"))))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("a name the database cannot store");
    assertThatThrownBy(() -> read(new JsonObject().put("name", "Dr. Half \ud800")))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("a name the database cannot store");
    assertThatThrownBy(() -> read(new JsonObject().put("name", "Dr. Ok").put("groups", new JsonArray().add("doc\u0000tor"))))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("invalid groups at 'groups'");
  }

  @Test
  void aResolvedIdThatIsADotSegmentOrNotTextIsTheDirectorysFault() {
    for (String body : List.of("{\"authUserId\":\"..\"}", "{\"authUserId\":\".\"}", "{\"authUserId\":1e400}",
        "{\"authUserId\":\"a\\u0000b\"}")) {
      assertThatThrownBy(() -> DirectoryAnswer.directoryId(Buffer.buffer(body), "authUserId"))
          .as(body).isInstanceOf(DirectoryException.class).hasMessageContaining("an invalid 'authUserId'");
    }
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("{\"authUserId\":42}"), "authUserId")).isEqualTo("42");
  }

  @Test
  void aDotSegmentIsNeverPutInTheUsersPath() {
    assertThatThrownBy(() -> AUTH0.userUrl("..")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AUTH0.userUrl(".")).isInstanceOf(IllegalArgumentException.class);
    assertThat(AUTH0.userUrl("a..b")).isEqualTo("http://d/users/a..b");
  }

  @Test
  void anythingButAJsonObjectIsNotAUserAndIsNeverQuotedBack() {
    for (String body : List.of("", "<html>login</html>", "[]", "\"user\"", "{\"name\":", "null")) {
      assertThatThrownBy(() -> DirectoryAnswer.user("u1", "u1", Buffer.buffer(body), AUTH0))
          .as(body).isInstanceOf(DirectoryException.class)
          .satisfies(e -> assertThat(body.isEmpty() || !e.getMessage().contains(body)).isTrue());
    }
  }

  @Test
  void aCustomIdResolvesFromAnObjectOrTheFirstElementOfAnArray() {
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("{\"authUserId\":\"auth0|1\"}"), "authUserId")).isEqualTo("auth0|1");
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("[{\"authUserId\":\"auth0|2\"},{\"authUserId\":\"x\"}]"),
        "authUserId")).isEqualTo("auth0|2");
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("{\"meta\":{\"id\":\"auth0|3\"}}"), "meta.id")).isEqualTo("auth0|3");
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("[]"), "authUserId")).as("nobody").isNull();
    assertThat(DirectoryAnswer.directoryId(Buffer.buffer("{}"), "authUserId")).as("no directory id").isNull();
    assertThatThrownBy(() -> DirectoryAnswer.directoryId(Buffer.buffer("[1,2]"), "authUserId"))
        .isInstanceOf(DirectoryException.class);
    assertThatThrownBy(() -> DirectoryAnswer.directoryId(
            Buffer.buffer(new JsonObject().put("authUserId", "x".repeat(300)).encode()), "authUserId"))
        .isInstanceOf(DirectoryException.class);
  }
}
