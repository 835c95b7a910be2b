package io.teleconsultation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * The production logging configuration (src/main/resources/logback.xml), loaded in a context of its own: the JVM's
 * context is the tests' one, and Micrometer warns of a double registration only once per JVM, so the warning
 * cannot be waited for in a test that shares the JVM with others.
 */
class LoggingConfigurationTest {

  @Test
  void theEventBusGaugeThatVertxRegistersAgainOnEveryMessageLogsNoWarning() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new File("src/main/resources/logback.xml"));
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);

    // What Micrometer logs on the first request (vertx-micrometer-metrics registers the gauge for each message).
    context.getLogger(MeterRegistry.class).warn("This Gauge has been already registered (MeterId{name="
        + "'vertx.eventbus.pending', tags=[tag(address=store.status),tag(side=local)]}), the registration will be "
        + "ignored. Note that subsequent logs will be logged at debug level.");
    // Other warnings of Micrometer and of Vert.x's metrics still reach the log.
    context.getLogger("io.micrometer.core.instrument.Meter").warn("another warning");
    context.getLogger("io.vertx.micrometer").warn("a warning of Vert.x metrics");

    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("another warning", "a warning of Vert.x metrics");
    context.stop();
  }
}
