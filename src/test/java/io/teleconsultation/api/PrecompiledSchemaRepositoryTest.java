package io.teleconsultation.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract the router validates against builds each request schema's validator once, at load. */
class PrecompiledSchemaRepositoryTest {

  static Vertx vertx;
  static OpenAPIContract contract;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = ContractLoader.load(vertx).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void everyParameterAndBodySchemaHasOneValidatorBuiltAtLoadAndReusedByEveryRequest() {
    SchemaRepository schemas = contract.getSchemaRepository();
    Operation get = contract.operation("getTeleconsultation");
    Operation create = contract.operation("createTeleconsultation");

    assertThat(schemas).isInstanceOf(PrecompiledSchemaRepository.class);
    assertThat(((PrecompiledSchemaRepository) schemas).size()).isPositive();
    for (Parameter parameter : get.getParameters()) {
      assertThat(schemas.validator(parameter.getSchema())).isSameAs(schemas.validator(parameter.getSchema()));
    }
    var body = create.getRequestBody().getContent().get("application/json").getSchema();
    assertThat(schemas.validator(body)).isSameAs(schemas.validator(body));
  }

  @Test
  void aReusedValidatorStillRefusesWhatBreaksTheContract() {
    Parameter id = contract.operation("getTeleconsultation").getParameters().stream()
        .filter(parameter -> parameter.getName().equals("teleconsultationId")).findFirst().orElseThrow();

    assertThat(contract.getSchemaRepository().validator(id.getSchema()).validate("not an id!").getValid()).isFalse();
    assertThat(contract.getSchemaRepository().validator(id.getSchema())
        .validate("6a8e9b2e-1111-4111-8111-111111111111").getValid()).isTrue();
  }
}
