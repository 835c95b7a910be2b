package io.teleconsultation.api;

import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The contract's schema repository, with one validator per request schema of openapi.yaml built once, at start.
 *
 * <p>Why: vertx-openapi 5.0.7 validates each parameter and each body by asking the contract's repository for a
 * new validator ({@code getSchemaRepository().validator(schema)} in its request validator), and vert.x-json-schema
 * builds every validator with a copy of the repository's whole lookup map (the dereferenced contract). That
 * copy was most of the CPU a request cost (bench/ANALYSIS.md). A validator only reads its lookup map while it
 * validates, so one per schema serves every request, on any thread.
 *
 * <p>The schemas are the contract's own objects (each {@link Parameter} and {@link MediaType} keeps its schema),
 * so they are looked up by identity; a schema from anywhere else gets a validator built the upstream way.
 */
final class PrecompiledSchemaRepository implements SchemaRepository {

  private final SchemaRepository repository;
  /** Never changed after the constructor: read from every event loop and worker without locking. */
  private final Map<JsonSchema, Validator> validators;

  private PrecompiledSchemaRepository(SchemaRepository repository, Map<JsonSchema, Validator> validators) {
    this.repository = repository;
    this.validators = validators;
  }

  /** Builds the validator of every parameter and request body schema of the contract's operations. */
  static PrecompiledSchemaRepository of(OpenAPIContract contract) {
    SchemaRepository repository = contract.getSchemaRepository();
    Map<JsonSchema, Validator> validators = new IdentityHashMap<>();
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        validators.computeIfAbsent(parameter.getSchema(), repository::validator);
      }
      if (operation.getRequestBody() != null) {
        for (MediaType mediaType : operation.getRequestBody().getContent().values()) {
          if (mediaType.getSchema() != null) {
            validators.computeIfAbsent(mediaType.getSchema(), repository::validator);
          }
        }
      }
    }
    return new PrecompiledSchemaRepository(repository, validators);
  }

  /** How many validators were built at start (one per distinct request schema). */
  int size() {
    return validators.size();
  }

  @Override
  public Validator validator(JsonSchema schema) {
    Validator validator = validators.get(schema);
    return validator != null ? validator : repository.validator(schema);
  }

  @Override
  public Validator validator(String ref) {
    return repository.validator(ref);
  }

  @Override
  public Validator validator(String ref, JsonSchemaOptions options) {
    return repository.validator(ref, options);
  }

  @Override
  public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
    return repository.validator(schema, options, dereference);
  }

  @Override
  public SchemaRepository dereference(JsonSchema schema) {
    repository.dereference(schema);
    return this;
  }

  @Override
  public SchemaRepository dereference(String uri, JsonSchema schema) {
    repository.dereference(uri, schema);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs) {
    repository.preloadMetaSchema(fs);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
    repository.preloadMetaSchema(fs, draft);
    return this;
  }

  @Override
  public JsonObject resolve(JsonObject schema) {
    return repository.resolve(schema);
  }

  @Override
  public JsonSchema find(String pointer) {
    return repository.find(pointer);
  }
}
