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
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole service, deployed as {@code java -jar} would deploy it, on a free port, with configuration overrides.
 * Requests block the JUnit thread ({@code Future.await()}), which keeps test bodies in arrange-act-assert order.
 */
public final class Service {

  public static final String API_KEY = "test-kaleyra-secret-key-0123456789";
  /**
   * The caller of the mutating teleconsultation requests of {@link #request}, {@link #post}, {@link #patch} and
   * {@link #delete}: a back office in {@link #MANAGER_GROUP}, which the tests' JSON config lists in
   * {@code managerGroups}, so that tests about something else pass the strict authorization unchanged.
   */
  public static final String MANAGER = "test-back-office";
  public static final String MANAGER_GROUP = "test-managers";
  public static final String USER_ID_HEADER = "miauserid";
  public static final String GROUPS_HEADER = "miausergroups";

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

  /**
   * A copy of a JSON config (in a temporary file) whose {@code managerGroups} also lists {@link #MANAGER_GROUP}:
   * pass it as TELECONSULTATION_SERVICE_CONFIG_PATH when a test brings its own config.
   */
  public static String withManagerGroup(Path config) {
    try {
      JsonObject json = new JsonObject(Files.readString(config));
      json.put("managerGroups", json.getJsonArray("managerGroups", new JsonArray()).copy().add(MANAGER_GROUP));
      Path copy = Files.createTempFile("teleconsultation-config-", ".json");
      copy.toFile().deleteOnExit();
      return Files.writeString(copy, json.encode()).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Without a TELECONSULTATION_SERVICE_CONFIG_PATH, the default JSON config with {@link #MANAGER_GROUP}. */
  public static Service start(Vertx vertx, JsonObject config) {
    if (!config.containsKey("TELECONSULTATION_SERVICE_CONFIG_PATH")) {
      config = config.copy().put("TELECONSULTATION_SERVICE_CONFIG_PATH",
          withManagerGroup(Path.of("conf/teleconsultation-config.json")));
    }
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

  /** A request; one that changes a teleconsultation is sent as {@link #MANAGER} (use {@link #requestAs} otherwise). */
  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    boolean changesATeleconsultation = path.startsWith("/teleconsultation") && method != HttpMethod.GET;
    return changesATeleconsultation ? requestAs(method, path, MANAGER, MANAGER_GROUP) : requestAs(method, path, null);
  }

  /** A request with the identity headers the gateway would set: none when {@code userId} is null. */
  public HttpRequest<Buffer> requestAs(HttpMethod method, String path, String userId, String... groups) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (userId != null) {
      request.putHeader(USER_ID_HEADER, userId);
    }
    if (groups.length > 0) {
      request.putHeader(GROUPS_HEADER, String.join(",", groups));
    }
    return request;
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
