package io.teleconsultation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConfigurationTest {

  @Test
  void defaultsComeFromConfConfigYaml(Vertx vertx) {
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject()).await();

    assertThat(config.httpPort()).isEqualTo(3000);
    assertThat(config.kaleyraSimulated()).isTrue();
    assertThat(config.databaseUrl()).isNull();
    assertThat(config.dataDir()).isEqualTo("./data");
    assertThat(config.unlimitedTeleconsultation()).isTrue();
    assertThat(config.liveTeleconsultation()).isTrue();
    assertThat(config.immutablePeriod()).isEqualTo(Duration.ZERO);
    assertThat(config.defaultRecordingType()).isEqualTo("none");
    assertThat(config.userIdHeader()).isEqualTo("miauserid");
    assertThat(config.groupsHeader()).isEqualTo("miausergroups");
    assertThat(config.verticles()).containsExactly("http", "kaleyra", "persistence");
    assertThat(config.demoEnabled()).isTrue();
    assertThat(config.authorizationMode()).as("strict unless a deployment says otherwise")
        .isEqualTo(io.teleconsultation.domain.AuthorizationMode.STRICT);
  }

  @Test
  void aProfileThatIsNeitherDevelopmentNorProductionIsRefusedAtStartUpRatherThanMeaningDevelopment(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("TELECONSULTATION_PROFILE", "prod")).await())
        .hasMessageContaining("TELECONSULTATION_PROFILE must be one of [development, production]")
        .hasMessageContaining("not 'prod'");
    assertThat(ConfigurationLoader.load(vertx, new JsonObject().put("TELECONSULTATION_PROFILE", "Development"))
        .await().production()).isFalse();
  }

  @Test
  void anUnknownAuthorizationModeIsRefusedAtStartUp(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("AUTHORIZATION_MODE", "none")).await())
        .hasMessageContaining("AUTHORIZATION_MODE");
  }

  @Test
  void theDemoIsServedWithTheRealKaleyraOnlyWhenDemoEnabledIsTrue(Vertx vertx) {
    JsonObject realKaleyra = new JsonObject()
        .put("BANDYER_BASE_URL", "https://api.sandbox.eu.bandyer.com/v2").put("BANDYER_API_SECRET_KEY", "k");

    ServiceConfig withoutDemo = ConfigurationLoader.load(vertx, realKaleyra).await();
    ServiceConfig withDemo = ConfigurationLoader.load(vertx, realKaleyra.copy().put("DEMO_ENABLED", "true")).await();

    assertThat(withoutDemo.demoEnabled()).isFalse();
    assertThat(withDemo.demoEnabled()).isTrue();
  }

  @Test
  void kaleyraBaseUrlWorksWithOrWithoutV2AndATrailingSlash() {
    for (String url : java.util.List.of("https://api.sandbox.eu.bandyer.com", "https://api.sandbox.eu.bandyer.com/",
        "https://api.sandbox.eu.bandyer.com/v2", "https://api.sandbox.eu.bandyer.com/v2/", " https://api.sandbox.eu.bandyer.com// ")) {
      ServiceConfig config = new ServiceConfig(new JsonObject().put("BANDYER_BASE_URL", url));
      assertThat(config.kaleyraBaseUrl()).as(url).isEqualTo("https://api.sandbox.eu.bandyer.com/v2");
    }
  }

  /** Surefire sets KALEYRA_BREAKER_RESET_MS=12345 in the test JVM's environment (pom.xml). */
  @Test
  void anEnvironmentVariableOverridesTheDefault(Vertx vertx) {
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject()).await();

    assertThat(config.kaleyraBreakerResetMs()).isEqualTo(12345);
  }

  @Test
  void explicitOverridesWinOverTheEnvironment(Vertx vertx) {
    ServiceConfig config = ConfigurationLoader.load(vertx, new JsonObject().put("KALEYRA_BREAKER_RESET_MS", 777)).await();

    assertThat(config.kaleyraBreakerResetMs()).isEqualTo(777);
  }

  @Test
  void aKaleyraUrlWithoutAKeyIsRefusedAtStartUp(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("BANDYER_BASE_URL", "https://api.sandbox.eu.bandyer.com/v2")).await())
        .hasMessageContaining("must be set together");
  }

  @Test
  void anUnknownRecordingTypeIsRefusedAtStartUp(Vertx vertx) {
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx,
            new JsonObject().put("DEFAULT_RECORDING_TYPE", "always")).await())
        .hasMessageContaining("DEFAULT_RECORDING_TYPE");
  }

  @Test
  void databaseUrlIsParsedAndItsPasswordNeverPrinted() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s%40cret@db.internal:6543/telecons");

    assertThat(url.host()).isEqualTo("db.internal");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("telecons");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(url.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
  }

  @Test
  void aMalformedDatabaseUrlIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void theProductionProfileRefusesToStartWithoutKaleyraAndADatabaseNamingWhatIsMissing(Vertx vertx) {
    JsonObject production = new JsonObject().put("TELECONSULTATION_PROFILE", "production").put("HTTP_PORT", 0)
        .put("BANDYER_API_SECRET_KEY", "a-secret-value").put("BANDYER_BASE_URL", "");

    assertThatThrownBy(() -> vertx.deployVerticle(new io.teleconsultation.MainVerticle(),
            new io.vertx.core.DeploymentOptions().setConfig(production)).await())
        .hasMessageContaining("TELECONSULTATION_PROFILE=production needs [BANDYER_BASE_URL, DATABASE_URL]")
        .hasMessageNotContaining("a-secret-value");
    assertThat(vertx.deploymentIDs()).as("nothing was left running").isEmpty();
  }

  @Test
  void theProductionProfileNeverServesTheDemo(Vertx vertx) {
    JsonObject production = new JsonObject().put("TELECONSULTATION_PROFILE", "production")
        .put("BANDYER_BASE_URL", "https://api.sandbox.eu.bandyer.com/v2").put("BANDYER_API_SECRET_KEY", "k")
        .put("DATABASE_URL", "postgresql://u:p@db/telecons");

    assertThat(ConfigurationLoader.load(vertx, production).await().demoEnabled()).isFalse();
    assertThatThrownBy(() -> ConfigurationLoader.load(vertx, production.copy().put("DEMO_ENABLED", true)).await())
        .hasMessageContaining("DEMO_ENABLED=true is refused");
  }

  @Test
  void sslmodeInTheDatabaseUrlIsKeptAndPassedToTheJdbcUrl() {
    DatabaseUrl url = DatabaseUrl.parse(
        "postgresql://app:pw@db.internal/telecons?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem");

    assertThat(url.sslMode()).isEqualTo("verify-full");
    assertThat(url.sslRootCert()).isEqualTo("/etc/pg/ca.pem");
    assertThat(url.jdbcUrl()).isEqualTo(
        "jdbc:postgresql://db.internal:5432/telecons?sslmode=verify-full&sslrootcert=%2Fetc%2Fpg%2Fca.pem");
    assertThat(DatabaseUrl.parse("postgresql://app:pw@db/t").sslMode()).isEqualTo("disable");
  }

  @Test
  void anUnknownSslmodeOrAVerifyModeWithoutARootCertificateIsRefused() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:pw@db/t?sslmode=yes"))
        .hasMessageContaining("sslmode must be one of");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:pw@db/t?sslmode=verify-ca"))
        .hasMessageContaining("needs sslrootcert");
  }
}
