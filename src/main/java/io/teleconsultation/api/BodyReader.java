package io.teleconsultation.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * Reads each request body once, the way its operation needs it: JSON bodies in memory, at most 1 MB; the image of
 * POST /settings/background-image by the ImageUploadReader (checks before the body, one part, streamed to a file
 * that never outlives the request). An oversized body is refused with 413 as soon as the limit is crossed.
 */
final class BodyReader implements Handler<RoutingContext> {

  /** JSON bodies are small; anything larger is refused with 413 before it is parsed. */
  static final long JSON_LIMIT_BYTES = 1024 * 1024;
  /** Room for the multipart framing around a maximal image, so that the 10 MB limit applies to the image itself. */
  static final long UPLOAD_LIMIT_BYTES = SettingsHandlers.MAX_IMAGE_BYTES + 64 * 1024;

  private final OpenAPIContract contract;
  private final BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_LIMIT_BYTES);
  private final ImageUploadReader upload;

  BodyReader(OpenAPIContract contract, ImageUploadReader upload) {
    this.contract = contract;
    this.upload = upload;
  }

  @Override
  public void handle(RoutingContext rc) {
    // Root handlers run on a catch-all route, before the operation's own: look the operation up.
    Operation operation = contract.findOperation(rc.normalizedPath(), rc.request().method());
    boolean imageUpload = operation != null && SettingsHandlers.UPLOAD_OPERATION.equals(operation.getOperationId());
    if (imageUpload) {
      upload.handle(rc);
    } else {
      json.handle(rc);
    }
  }
}
