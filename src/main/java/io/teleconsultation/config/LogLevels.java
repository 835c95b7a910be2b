package io.teleconsultation.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_LEVEL} as the original service did: the level of the whole service. Its names are those of
 * the original (a Node.js service using pino: {@code fatal} and {@code silent} included) and logback's.
 */
public final class LogLevels {

  public static final List<String> NAMES = List.of("trace", "debug", "info", "warn", "error", "fatal", "silent", "off");

  private LogLevels() {}

  static boolean isKnown(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  static Level levelOf(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fatal" -> Level.ERROR;
      case "silent", "off" -> Level.OFF;
      default -> Level.toLevel(name, Level.INFO);
    };
  }

  /**
   * Sets the root level and the service's own; a library logger kept quieter by the logging configuration (Netty,
   * Flyway at WARN) becomes quieter still when the level asked is above its own, never louder.
   */
  public static void apply(String name) {
    if (name == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Level level = levelOf(name);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
    context.getLogger("io.teleconsultation").setLevel(level);
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null && !logger.getLevel().isGreaterOrEqual(level)) {
        if (!logger.getName().equals("io.teleconsultation") && !logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
          logger.setLevel(level);
        }
      }
    }
  }
}
