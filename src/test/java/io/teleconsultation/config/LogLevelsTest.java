package io.teleconsultation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {

  @Test
  void theOriginalsLevelNamesAreUnderstood() {
    assertThat(LogLevels.levelOf("debug")).isEqualTo(Level.DEBUG);
    assertThat(LogLevels.levelOf("WARN")).isEqualTo(Level.WARN);
    assertThat(LogLevels.levelOf("fatal")).isEqualTo(Level.ERROR);
    assertThat(LogLevels.levelOf("silent")).isEqualTo(Level.OFF);
  }

  @Test
  void unknownLevelStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> new ServiceConfig(config().put("LOG_LEVEL", "loud")).validate())
        .hasMessageStartingWith("LOG_LEVEL must be one of [trace, debug, info, warn, error, fatal, silent, off], not 'loud'");
  }

  @Test
  void levelAppliesToTheRootAndTheServiceButNeverMakesALibraryLouder() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger service = (Logger) LoggerFactory.getLogger("io.teleconsultation");
    Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
    Level rootBefore = root.getLevel();
    Level serviceBefore = service.getLevel();
    Level nettyBefore = netty.getLevel();
    try {
      LogLevels.apply("debug");
      assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(service.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(netty.getLevel()).isEqualTo(Level.WARN);

      LogLevels.apply("error");
      assertThat(root.getLevel()).isEqualTo(Level.ERROR);
      assertThat(netty.getLevel()).isEqualTo(Level.ERROR);
    } finally {
      root.setLevel(rootBefore);
      service.setLevel(serviceBefore);
      netty.setLevel(nettyBefore);
    }
  }

  private static JsonObject config() {
    return new JsonObject().put("DEFAULT_RECORDING_TYPE", "none").put("IMMUTABLE_PERIOD_MS", 0)
        .put("BANDYER_BASE_URL", "").put("BANDYER_API_SECRET_KEY", "");
  }
}
