package io.teleconsultation.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Locale;

/**
 * Refuses with 415 a body whose Content-Type the operation does not declare in openapi.yaml. The validator alone
 * would answer 400 for it, which tells a client nothing about what to fix.
 */
final class MediaTypeCheck implements Handler<RoutingContext> {

  private final OpenAPIContract contract;

  MediaTypeCheck(OpenAPIContract contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext rc) {
    String contentType = rc.request().getHeader("Content-Type");
    // Root handlers run on a catch-all route, before the operation's own: look the operation up.
    Operation operation = contentType == null ? null : contract.findOperation(rc.normalizedPath(), rc.request().method());
    if (contentType != null && operation != null && operation.getRequestBody() != null) {
      String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!operation.getRequestBody().getContent().containsKey(mediaType)) {
        new Problem(415, "Content-Type " + mediaType + " is not accepted; use one of "
            + operation.getRequestBody().getContent().keySet()).send(rc.response());
        return;
      }
    }
    rc.next();
  }
}
