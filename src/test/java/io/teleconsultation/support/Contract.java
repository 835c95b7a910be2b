package io.teleconsultation.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.api.ContractLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

/** Checks that a response is one that openapi.yaml allows for the operation: status, media type and body schema. */
public final class Contract {

  private final ResponseValidator validator;

  private Contract(ResponseValidator validator) {
    this.validator = validator;
  }

  public static Contract load(Vertx vertx) {
    OpenAPIContract contract = ContractLoader.load(vertx).await();
    return new Contract(ResponseValidator.create(vertx, contract));
  }

  /** Fails the test unless the response matches the contract of {@code operationId}. */
  public HttpResponse<Buffer> check(String operationId, HttpResponse<Buffer> response) {
    String contentType = response.getHeader("Content-Type");
    ValidatableResponse validatable;
    if (response.body() == null || response.body().length() == 0) {
      validatable = ValidatableResponse.create(response.statusCode());
    } else {
      if (response.statusCode() >= 400) {
        // Every error is problem+json; the router's copy of the contract names it application/json (see ContractLoader).
        assertThat(contentType).isEqualTo("application/problem+json");
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
