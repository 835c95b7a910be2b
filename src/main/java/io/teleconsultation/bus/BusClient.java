package io.teleconsultation.bus;

import io.teleconsultation.observability.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Sends JSON requests on the event bus with the service's timeout and returns the JSON reply. */
public final class BusClient {

  private final Vertx vertx;
  private final DeliveryOptions options;
  private final DeliveryOptions localOptions;

  public BusClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    this.localOptions = new DeliveryOptions().setSendTimeout(timeoutMs).setLocalOnly(true);
  }

  /** Tells every consumer on every node; nobody answers. */
  public void publish(String address, JsonObject event) {
    vertx.eventBus().publish(address, event);
  }

  public Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, withContext(new DeliveryOptions(options)))
        .map(Message::body);
  }

  /** The ids of the request in progress travel with every message it sends (docs/event-bus.md). */
  static DeliveryOptions withContext(DeliveryOptions delivery) {
    if (RequestContext.requestId() != null) {
      delivery.addHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId());
    }
    if (RequestContext.teleconsultationId() != null) {
      delivery.addHeader(RequestContext.TELECONSULTATION_ID_HEADER, RequestContext.teleconsultationId());
    }
    return delivery;
  }

  /**
   * A request that only a consumer on this node may answer, for messages that mean something only here (a path on
   * the local disk). Without such a consumer it fails with {@code NO_HANDLERS}, even when another node has one.
   */
  public Future<JsonObject> requestLocal(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, withContext(new DeliveryOptions(localOptions)))
        .map(Message::body);
  }
}
