package io.teleconsultation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** userIdPathInRequest: the old service's steps to the caller's id, from the gateway's headers only. */
class CallerIdPathTest {

  static final ServiceConfig CONFIG = new ServiceConfig(new JsonObject().put("USERID_HEADER_KEY", "miauserid"));

  /** A request that carries only these headers (the path reads nothing else). */
  private static HttpServerRequest requestWith(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
        new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getHeader" -> headers.get(args[0].toString());
          case "headers" -> headers;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static JsonObject config(JsonArray steps) {
    return new JsonObject().put(CallerIdPath.CONFIG_KEY, steps);
  }

  private static JsonObject step(String from, Object extract) {
    return new JsonObject().put("from", from).put("extract", extract);
  }

  @Test
  void withoutTheKeyTheCallerIsTheUserIdHeader() {
    CallerIdPath path = CallerIdPath.of(new JsonObject(), CONFIG);

    assertThat(path.read(requestWith("miauserid", " auth0|1 "))).isEqualTo("auth0|1");
    assertThat(path.read(requestWith("miauserid", "  "))).isNull();
    assertThat(path.read(requestWith())).isNull();
  }

  @Test
  void theOldServicesDefaultNamesTheHeaderThroughItsSetting() {
    CallerIdPath path = CallerIdPath.of(config(new JsonArray()
        .add(step("object", "headers")).add(step("object", "${env.USERID_HEADER_KEY}"))), CONFIG);

    assertThat(path.headerName()).isEqualTo("miauserid");
    assertThat(path.read(requestWith("MiaUserId", "u-7"))).isEqualTo("u-7");
  }

  @Test
  void aMemberOfAJsonHeaderAsInTheOldServicesExample() {
    CallerIdPath path = CallerIdPath.of(config(new JsonArray().add(step("object", "headers"))
        .add(step("object", "miauserproperties")).add(step("json", "customUserId"))), CONFIG);

    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":\"65a1f0c2\"}"))).isEqualTo("65a1f0c2");
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":12}"))).isEqualTo("12");
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":{\"a\":1}}"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "not json"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":"))).isNull();
    assertThat(path.read(requestWith("miauserid", "65a1f0c2"))).isNull();
  }

  @Test
  void onlyTextAndWholeNumbersAreIdsNeverARenderingSuchAsInfinity() {
    CallerIdPath path = CallerIdPath.of(config(new JsonArray().add(step("object", "headers"))
        .add(step("object", "miauserproperties")).add(step("json", "customUserId"))), CONFIG);

    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":1e400}"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":1.5}"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":1e3}"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":true}"))).isNull();
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":123456789012345678901234567890}")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(path.read(requestWith("miauserproperties", "{\"customUserId\":-12}"))).isEqualTo("-12");
  }

  @Test
  void objectAndArrayStepsWalkIntoTheJson() {
    CallerIdPath path = CallerIdPath.of(config(new JsonArray().add(step("object", "headers"))
        .add(step("object", "x-identity")).add(step("json", "ids")).add(step("array", 1)).add(step("object", "id"))),
        CONFIG);

    assertThat(path.read(requestWith("x-identity", "{\"ids\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"))).isEqualTo("b");
    assertThat(path.read(requestWith("x-identity", "{\"ids\":[{\"id\":\"a\"}]}"))).isNull();
    assertThat(path.read(requestWith("x-identity", "{\"ids\":{\"id\":\"a\"}}"))).isNull();
  }

  @Test
  void aPathThatDoesNotStartFromTheHeadersIsRefusedAtStartUp() {
    assertThatThrownBy(() -> CallerIdPath.of(config(new JsonArray()
            .add(step("object", "body")).add(step("object", "userId"))), CONFIG))
        .hasMessageContaining("must start with {\"from\": \"object\", \"extract\": \"headers\"}");
    assertThatThrownBy(() -> CallerIdPath.of(config(new JsonArray().add(step("object", "headers"))), CONFIG))
        .hasMessageContaining("userIdPathInRequest must be an array of 2 to 10 steps");
    assertThatThrownBy(() -> CallerIdPath.of(config(new JsonArray()
            .add(step("object", "headers")).add(step("yaml", "x"))), CONFIG))
        .hasMessageContaining("from must be one of [object, json, array]");
    assertThatThrownBy(() -> CallerIdPath.of(config(new JsonArray()
            .add(step("object", "headers")).add(step("object", "${env.BANDYER_API_SECRET_KEY}"))), CONFIG))
        .hasMessageContaining("not a setting of this service with a value");
  }
}
