package io.teleconsultation.api;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates a request against its operation in openapi.yaml, on the event loop, as the router's own validation
 * does (the same steps, the same exceptions, so the same {@code 400} problems), with the schema validators built
 * once ({@link PrecompiledSchemaRepository}).
 *
 * <p>Why not the router's: vertx-web-openapi-router 5.0.7 runs every validation through vertx-openapi's
 * {@code RequestValidator}, which hands each request to a worker thread ({@code executeBlocking}, ordered per
 * HTTP verticle instance) and back: two thread hand-offs per request, and one validation at a time per instance,
 * for work that takes microseconds once validators are not rebuilt. Routes that use this turn the router's off.
 */
final class RequestValidation implements InputTrustHandler {

  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
      Style.SIMPLE, new SimpleTransformer(),
      Style.LABEL, new LabelTransformer(),
      Style.MATRIX, new MatrixTransformer(),
      Style.FORM, new FormTransformer()));

  private final Operation operation;
  private final SchemaRepository schemas;
  private final RequestExtractor extractor;

  RequestValidation(Operation operation, SchemaRepository schemas, RequestExtractor extractor) {
    this.operation = operation;
    this.schemas = schemas;
    this.extractor = extractor;
  }

  @Override
  public void handle(RoutingContext rc) {
    extractor.extractValidatableRequest(rc, operation)
        .map(this::validate)
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException
            ? new HttpException(BAD_REQUEST.code(), e.getMessage(), e)
            : e));
  }

  private ValidatedRequest validate(ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case COOKIE -> cookies.put(name, parameter(parameter, request.getCookies().get(name)));
        case HEADER -> headers.put(name, parameter(parameter, request.getHeaders().get(name)));
        case PATH -> path.put(name, parameter(parameter, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, parameter(parameter, request.getQuery().get(name)));
      }
    }
    return new Validated(cookies, headers, path, query, body(operation.getRequestBody(), request));
  }

  private RequestParameter parameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(parameter);
      }
      return Value.NONE;
    }
    ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
    if (transformer == null) {
      throw ValidatorException.createUnsupportedValueFormat(parameter);
    }
    Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
    OutputUnit result = schemas.validator(parameter.getSchema()).validate(transformed);
    try {
      result.checkValidity();
      return new Value(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  private RequestParameter body(RequestBody requestBody, ValidatableRequest request) {
    if (requestBody == null) {
      return Value.NONE;
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (requestBody.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.",
            ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
      }
      return Value.NONE;
    }
    MediaType mediaType = requestBody.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = mediaType == null ? null
        : ContentAnalyser.getContentAnalyser(mediaType, request.getContentType(), content, ValidationContext.REQUEST);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + ValidationContext.REQUEST + " body is not supported",
          ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    if (!schemaValidationRequired(mediaType)) {
      return new Value(content);
    }
    Object transformed = analyser.transform();
    OutputUnit result = schemas.validator(mediaType.getSchema()).validate(transformed);
    try {
      result.checkValidity();
      return new Value(transformed);
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
  }

  /** As vertx-openapi decides it: no schema, or a bare binary string, means the content is not validated. */
  private static boolean schemaValidationRequired(MediaType mediaType) {
    if (mediaType.getSchema() == null) {
      return false;
    }
    String type = mediaType.getSchema().get("type");
    String format = mediaType.getSchema().get("format");
    boolean noFurtherProperties = mediaType.getSchema().fieldNames().size() == 2;
    return !("string".equalsIgnoreCase(type) && "binary".equalsIgnoreCase(format) && noFurtherProperties);
  }

  /** One validated value (null when absent). */
  private record Value(Object get) implements RequestParameter {
    static final Value NONE = new Value(null);
  }

  private record Validated(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
      Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
      RequestParameter getBody) implements ValidatedRequest {}
}
