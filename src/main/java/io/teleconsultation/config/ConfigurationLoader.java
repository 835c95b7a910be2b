package io.teleconsultation.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads the configuration with vertx-config: defaults from conf/config.yaml (the working directory first, then the
 * copy packed in the jar), then the environment, then the overrides a caller passes (tests, embedding).
 * Later stores win.
 */
public final class ConfigurationLoader {

  public static final String DEFAULTS_PATH = "conf/config.yaml";

  private ConfigurationLoader() {}

  public static Future<ServiceConfig> load(Vertx vertx, JsonObject overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(new ConfigStoreOptions()
            .setType("file")
            .setFormat("yaml")
            .setConfig(new JsonObject().put("path", DEFAULTS_PATH)))
        .addStore(new ConfigStoreOptions()
            .setType("env")
            .setConfig(new JsonObject().put("keys", new JsonArray(ServiceConfig.KEYS))))
        .addStore(new ConfigStoreOptions().setType("json").setConfig(overrides));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .map(json -> new ServiceConfig(json).validate())
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        });
  }
}
