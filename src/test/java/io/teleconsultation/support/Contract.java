package io.teleconsultation.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.api.ContractLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;
import java.util.Map;
import java.util.Set;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

/** Checks that a response is one that openapi.yaml allows for the operation: status, media type and body schema. */
public final class Contract {

  private final ResponseValidator validator;
  private final JsonObject raw;

  private Contract(ResponseValidator validator, JsonObject raw) {
    this.validator = validator;
    this.raw = raw;
  }

  public static Contract load(Vertx vertx) {
    OpenAPIContract contract = ContractLoader.load(vertx).await();
    JsonObject raw = Utils.readYamlOrJson(vertx, ContractLoader.PATH).await();
    return new Contract(ResponseValidator.create(vertx, contract), raw);
  }

  /** The media types openapi.yaml itself (not the router's copy) declares for this operation and status. */
  private Set<String> declaredMediaTypes(String operationId, int status) {
    for (Map.Entry<String, Object> path : raw.getJsonObject("paths")) {
      for (Map.Entry<String, Object> method : (JsonObject) path.getValue()) {
        if (method.getValue() instanceof JsonObject operation && operationId.equals(operation.getString("operationId"))) {
          JsonObject response = operation.getJsonObject("responses").getJsonObject(String.valueOf(status));
          assertThat(response).as("openapi.yaml declares status %s for %s", status, operationId).isNotNull();
          if (response.containsKey("$ref")) {
            String name = response.getString("$ref").substring("#/components/responses/".length());
            response = raw.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
          }
          return response.getJsonObject("content", new JsonObject()).fieldNames();
        }
      }
    }
    throw new AssertionError("openapi.yaml has no operation " + operationId);
  }

  /** Fails the test unless the response matches the contract of {@code operationId}. */
  public HttpResponse<Buffer> check(String operationId, HttpResponse<Buffer> response) {
    // The media type without parameters (e.g. Prometheus' "text/plain; version=0.0.4; charset=utf-8").
    String contentType = response.getHeader("Content-Type") == null ? null
        : response.getHeader("Content-Type").split(";")[0].trim();
    ValidatableResponse validatable;
    if (response.body() == null || response.body().length() == 0) {
      validatable = ValidatableResponse.create(response.statusCode());
    } else {
      assertThat(declaredMediaTypes(operationId, response.statusCode()))
          .as("media type of %s %s", operationId, response.statusCode())
          .contains(contentType);
      if (!contentType.endsWith("json")) {
        // vertx-openapi 5.0.7 cannot validate a text body (it refuses the Buffer); status and media type were checked.
        return response;
      }
      if (ContractLoader.PROBLEM_JSON.equals(contentType)) {
        // The router's copy of the contract names problem+json application/json (see ContractLoader).
        contentType = "application/json";
      }
      validatable = ValidatableResponse.create(response.statusCode(), response.body(), contentType);
    }
    try {
      validator.validate(validatable, operationId).await();
    } catch (RuntimeException e) {
      throw new AssertionError("Response " + response.statusCode() + " " + response.bodyAsString()
          + " does not match the contract of " + operationId + ": " + e.getMessage(), e);
    }
    return response;
  }
}
