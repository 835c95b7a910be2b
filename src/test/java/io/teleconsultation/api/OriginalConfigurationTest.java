package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.DOCTOR;
import static io.teleconsultation.support.Teleconsultations.PATIENT;
import static io.teleconsultation.support.Teleconsultations.doctorAndPatientNow;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A deployment configured as the original service's documentation told its users to configure it. */
@ExtendWith(VertxExtension.class)
class OriginalConfigurationTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);

  @Test
  void baseUrlWithoutV2AndTheOriginalsConfigMapWorkAndItsUnappliedKeysAreNamedInOneWarning(
      Vertx vertx, @TempDir Path directory) throws Exception {
    Path configMap = directory.resolve("config.json");
    Files.writeString(configMap, """
        {"privileges": {"plus": {"groups": ["doctor"]}, "basic": {"groups": ["patient"]}},
         "theme": {"light": {"primaryColor": "#fff", "accentColor": "#480ca8"}},
         "companyLogo": {"url": "https://www.insert.url.it"},
         "environment": "sandbox"}
        """);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    kaleyra.usersAreCreated().roomIsCreated("room_original_config", List.of(DOCTOR, PATIENT));
    // As the original's migration guide writes it: the host only, here with a trailing slash.
    String withoutV2 = wireMock.baseUrl() + "/";
    Service service = Service.start(vertx, withoutV2, TestDatabase.create(),
        Map.of("TELECONSULTATION_SERVICE_CONFIG_PATH", Service.withManagerGroup(configMap)));
    try {
      HttpResponse<Buffer> created = service.post("/teleconsultation", doctorAndPatientNow());

      assertThat(created.statusCode()).isEqualTo(201);
      wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/rooms")));
      List<String> warnings = logs.list.stream()
          .filter(event -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains("NOT applied"))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("[companyLogo, environment, theme]");
    } finally {
      root.detachAppender(logs);
      service.stop();
    }
  }
}
