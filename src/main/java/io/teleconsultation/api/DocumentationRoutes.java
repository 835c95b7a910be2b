package io.teleconsultation.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API reference served by the service: {@code GET /documentation/json} (openapi.yaml as JSON, the route the old
 * service's platform exposed) and {@code GET /documentation}, Swagger UI from the webjar packed in the jar.
 */
final class DocumentationRoutes {

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  private DocumentationRoutes() {}

  static void mount(Router router, JsonObject contract) {
    String json = contract.encode();
    router.get("/documentation/json").handler(rc ->
        rc.response().putHeader("Content-Type", "application/json").end(json));
    router.get("/documentation").handler(rc -> rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile("documentation/index.html"));
    router.get("/documentation/static/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()));
  }

  /** The webjar's version, from its Maven metadata, so that upgrading it is a pom change only. */
  private static String swaggerUiVersion() {
    try (InputStream in = DocumentationRoutes.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("The swagger-ui webjar is missing from the classpath", e));
    }
  }
}
