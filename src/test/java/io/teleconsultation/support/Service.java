package io.teleconsultation.support;

import io.teleconsultation.MainVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * The whole service, deployed as {@code java -jar} would deploy it, on a free port, with configuration overrides.
 * Requests block the JUnit thread ({@code Future.await()}), which keeps test bodies in arrange-act-assert order.
 */
public final class Service {

  public static final String API_KEY = "test-kaleyra-secret-key-0123456789";

  private final Vertx vertx;
  private final MainVerticle main;
  private final String deploymentId;
  private final int port;
  private final WebClient client;

  private Service(Vertx vertx, MainVerticle main, String deploymentId, int port) {
    this.vertx = vertx;
    this.main = main;
    this.deploymentId = deploymentId;
    this.port = port;
    this.client = WebClient.create(vertx);
  }

  /** The service against a fake Kaleyra at {@code kaleyraBaseUrl} (ending in /v2) and a fresh database. */
  public static Service start(Vertx vertx, String kaleyraBaseUrl, TestDatabase database, Map<String, Object> overrides) {
    JsonObject config = new JsonObject()
        .put("HTTP_PORT", 0)
        .put("BANDYER_BASE_URL", kaleyraBaseUrl)
        .put("BANDYER_API_SECRET_KEY", API_KEY)
        .put("DATABASE_URL", database.url())
        .put("KALEYRA_TIMEOUT_MS", 2000);
    overrides.forEach(config::put);
    return start(vertx, config);
  }

  public static Service start(Vertx vertx, JsonObject config) {
    MainVerticle main = new MainVerticle();
    String id = vertx.deployVerticle(main, new DeploymentOptions().setConfig(config)).await();
    return new Service(vertx, main, id, main.httpPort());
  }

  /** What SIGTERM does: the ordered, graceful stop of every verticle. */
  public io.vertx.core.Future<Void> shutdown() {
    return main.shutdown();
  }

  public void stop() {
    client.close();
    vertx.undeploy(deploymentId).await();
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, port, "127.0.0.1", path);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body) {
    return request(HttpMethod.PATCH, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> delete(String path) {
    return request(HttpMethod.DELETE, path).send().await();
  }

  public HttpResponse<Buffer> get(String path, String callerId) {
    HttpRequest<Buffer> request = request(HttpMethod.GET, path);
    if (callerId != null) {
      request.putHeader("miauserid", callerId);
    }
    return request.send().await();
  }

  public int port() {
    return port;
  }
}
