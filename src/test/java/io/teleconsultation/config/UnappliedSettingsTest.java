package io.teleconsultation.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnappliedSettingsTest {

  @Test
  void namesTheOriginalsConfigKeysAndVariablesThatHaveNoEffectInOneLine() {
    JsonObject config = new JsonObject().put("privileges", new JsonObject()).put("theme", new JsonObject())
        .put("userIdPathInRequest", new io.vertx.core.json.JsonArray()).put("customUserId", new JsonObject())
        .put("companyLogo", new JsonObject()).put("groupsWithBackgroundList", "x");
    Map<String, String> environment = Map.of("CRUD_SERVICE_URL", "http://crud-service", "HOME", "/root",
        "AUTH_SERVICE", "auth0-client",
        "TRANSCRIPTION_MAX_FILE_SIZE", "");

    String warning = UnappliedSettings.describe(environment, config);

    assertThat(warning)
        .startsWith("Settings of the original service that are NOT applied: keys of the JSON config [companyLogo, theme]")
        .contains("environment variables CRUD_SERVICE_URL (the data lives in PostgreSQL (DATABASE_URL))")
        .doesNotContain("HOME", "TRANSCRIPTION", "http://crud-service", "AUTH_SERVICE");
  }

  @Test
  void nothingToSayWhenEverySettingIsApplied() {
    assertThat(UnappliedSettings.describe(Map.of(), new JsonObject().put("privileges", new JsonObject()))).isEmpty();
  }
}
