package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.AccessWindow;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The teleconsultation use cases. Stateless: it orchestrates the Kaleyra and persistence verticles over the
 * event bus, so it can run on any node, next to the HTTP verticle that calls it.
 */
public class TeleconsultationVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    return PrivilegesConfig.load(vertx, config.teleconsultationConfigPath()).compose(privilegesConfig -> {
      BusClient bus = new BusClient(vertx, config.eventBusTimeoutMs());
      Rooms rooms = new Rooms(bus, RoomSettings.from(config, privilegesConfig.privileges()), config.roomLeaseMs());
      Idempotency idempotency = new Idempotency(bus, config.idempotencyTtlMs());
      TeleconsultationCreation creation = new TeleconsultationCreation(
          bus, privilegesConfig.privileges(), new KaleyraAccounts(bus), rooms);
      AccessWindow window = new AccessWindow(config.immutablePeriod());
      TeleconsultationJoin join = new TeleconsultationJoin(
          vertx, bus, window, Clock.systemUTC(), new RoomDetailsCache(config.roomDetailsTtlMs()));
      TeleconsultationChanges changes = new TeleconsultationChanges(bus, privilegesConfig.privileges(),
          new KaleyraAccounts(bus), rooms, window, config.unlimitedTeleconsultation(), Clock.systemUTC());
      return Future.all(
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_CREATE, request -> idempotency.once(
              request.getString("idempotencyKey"), "teleconsultation.create", request.getJsonObject("body"),
              () -> creation.create(request.getJsonObject("body")))).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_JOIN, join::join).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_UPDATE, changes::update).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_PARTICIPANT_ADD, request -> idempotency.once(
              request.getString("idempotencyKey"), "teleconsultation.participants.add",
              new JsonObject().put("id", request.getString("id")).put("participant", request.getJsonObject("participant")),
              () -> changes.addParticipant(request))).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_DELETE, changes::delete).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_PING, ping -> Future.succeededFuture(new JsonObject()))
              .completion());
    });
  }
}
