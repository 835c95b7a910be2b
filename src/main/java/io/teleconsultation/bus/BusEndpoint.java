package io.teleconsultation.bus;

import io.teleconsultation.observability.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An address that answers JSON requests: the handler's result is the reply, its failure is sent back with
 * {@link BusFailure#reply} (HTTP status as failure code, client-safe message).
 */
public final class BusEndpoint {

  private BusEndpoint() {}

  public static MessageConsumer<JsonObject> register(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    return register(vertx, address, handler, UnaryOperator.identity());
  }

  /** @param errorMapping turns a failure into the one the requester should see (e.g. Kaleyra errors to 502) */
  public static MessageConsumer<JsonObject> register(
      Vertx vertx,
      String address,
      Function<JsonObject, Future<JsonObject>> handler,
      UnaryOperator<Throwable> errorMapping) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> answer(message, handler, errorMapping));
  }

  /**
   * An address answered on this node only, never reachable from another node of a cluster: for requests that carry
   * something meaningful only here, such as a path on the local disk.
   */
  public static MessageConsumer<JsonObject> registerLocal(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> handler) {
    return registerLocal(vertx, address, handler, UnaryOperator.identity());
  }

  /** {@link #registerLocal(Vertx, String, Function)} with an error mapping as in {@link #register}. */
  public static MessageConsumer<JsonObject> registerLocal(
      Vertx vertx,
      String address,
      Function<JsonObject, Future<JsonObject>> handler,
      UnaryOperator<Throwable> errorMapping) {
    return vertx.eventBus().<JsonObject>localConsumer(address, message -> answer(message, handler, errorMapping));
  }

  private static void answer(
      Message<JsonObject> message,
      Function<JsonObject, Future<JsonObject>> handler,
      UnaryOperator<Throwable> errorMapping) {
    RequestContext.setRequestId(message.headers().get(RequestContext.REQUEST_ID_HEADER));
    RequestContext.setTeleconsultationId(message.headers().get(RequestContext.TELECONSULTATION_ID_HEADER));
    Future<JsonObject> result;
    try {
      result = handler.apply(message.body());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(message::reply).onFailure(err -> BusFailure.reply(message, errorMapping.apply(err)));
  }
}
