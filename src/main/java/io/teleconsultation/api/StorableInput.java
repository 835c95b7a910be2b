package io.teleconsultation.api;

import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.StorableText;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/**
 * Refuses with 400 a validated JSON body, or an {@code Idempotency-Key}, holding text the database cannot store
 * (U+0000, unpaired surrogates: {@link StorableText}), before the operation sends anything on: otherwise Kaleyra
 * users and rooms would be created for a teleconsultation that then fails to be stored. The use cases check their
 * bodies again, for event-bus clients that do not come through here.
 */
final class StorableInput implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext rc) {
    try {
      StorableText.check(TeleconsultationHandlers.IDEMPOTENCY_KEY,
          rc.request().getHeader(TeleconsultationHandlers.IDEMPOTENCY_KEY));
      ValidatedRequest request = TeleconsultationHandlers.validated(rc);
      RequestParameter body = request == null ? null : request.getBody();
      if (body != null && !body.isNull() && body.get() instanceof JsonObject json) {
        StorableText.checkTree("body", json);
      }
    } catch (DomainException refused) {
      new Problem(400, refused.getMessage()).send(rc.response());
      return;
    }
    rc.next();
  }
}
