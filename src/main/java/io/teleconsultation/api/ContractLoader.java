package io.teleconsultation.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * Loads openapi.yaml, the contract the router is built from.
 *
 * <p>vertx-openapi 5.0.7 refuses a contract whose responses use a media type outside its fixed list, and
 * {@code application/problem+json} is not on it (eclipse-vertx/vertx-openapi#107; custom media types came in a
 * later version). The router validates requests only, never responses, so the copy it is built from declares
 * error responses as {@code application/json}; openapi.yaml itself stays the truth that clients read.
 */
public final class ContractLoader {

  public static final String PATH = "openapi.yaml";
  public static final String PROBLEM_JSON = "application/problem+json";

  private ContractLoader() {}

  /** The contract the router validates requests against, its request schema validators built once. */
  public static Future<OpenAPIContract> load(Vertx vertx) {
    return raw(vertx).compose(raw -> OpenAPIContract.from(vertx, routable(raw))).map(PrecompiledContract::new);
  }

  /** openapi.yaml as JSON, as clients read it (served at /documentation/json). */
  public static Future<JsonObject> raw(Vertx vertx) {
    // The library's own YAML reader (an impl class), so that the contract is parsed exactly as OpenAPIContract.from
    // would: a plain YAML parser turns the examples' date-times into dates. Replacing it is issue 14's item 3.
    return Utils.readYamlOrJson(vertx, PATH);
  }

  /** The contract with every problem+json response declared as application/json. */
  static JsonObject routable(JsonObject contract) {
    JsonObject copy = contract.copy();
    rename(copy.getJsonObject("paths"));
    rename(copy.getJsonObject("components", new JsonObject()).getJsonObject("responses"));
    return copy;
  }

  private static void rename(Object node) {
    if (node instanceof JsonObject object) {
      if (object.containsKey(PROBLEM_JSON) && !object.containsKey("application/json")) {
        object.put("application/json", object.remove(PROBLEM_JSON));
      }
      object.forEach(entry -> rename(entry.getValue()));
    } else if (node instanceof io.vertx.core.json.JsonArray array) {
      array.forEach(ContractLoader::rename);
    }
  }
}
