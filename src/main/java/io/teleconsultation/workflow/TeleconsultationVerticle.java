package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusEndpoint;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.AccessWindow;
import io.teleconsultation.domain.AuthorizationMode;
import io.teleconsultation.domain.ChangeAuthorization;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use cases: teleconsultations, SDK credentials and company settings. Stateless but for the room details
 * cache: it orchestrates the Kaleyra and persistence verticles over the event bus, so it can run on any node, next
 * to the HTTP verticle that calls it, and as several instances on one node ({@code HTTP_INSTANCES}), which share
 * the node's {@link RoomDetailsCache} (and with it the Kaleyra calls under way).
 */
public class TeleconsultationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TeleconsultationVerticle.class);

  /** Null: this instance makes its own (an instance deployed alone). */
  private final RoomDetailsCache roomDetails;

  public TeleconsultationVerticle() {
    this(null);
  }

  /** @param roomDetails the node's cache, shared by every instance deployed with it */
  public TeleconsultationVerticle(RoomDetailsCache roomDetails) {
    this.roomDetails = roomDetails;
  }

  @Override
  public Future<?> start() {
    ServiceConfig config = new ServiceConfig(config());
    return PrivilegesConfig.load(vertx, config.teleconsultationConfigPath()).compose(privilegesConfig -> {
      BusClient bus = new BusClient(vertx, config.eventBusTimeoutMs());
      ChangeAuthorization authorization = new ChangeAuthorization(
          config.authorizationMode(), privilegesConfig.managerGroups(), config.directoryEnabled());
      if (config.authorizationMode() == AuthorizationMode.GATEWAY) {
        LOG.warn("AUTHORIZATION_MODE=gateway: this service does not check who changes a teleconsultation, and request"
            + " bodies decide Kaleyra roles. Safe only if the API gateway lets no one else reach these operations"
            + " (README, Security)");
      }
      Rooms rooms = new Rooms(bus, RoomSettings.from(config, privilegesConfig.privileges()), config.roomLeaseMs());
      Idempotency idempotency = new Idempotency(bus, config.idempotencyTtlMs());
      ParticipantDirectory directory = new ParticipantDirectory(bus, config.directoryEnabled());
      TeleconsultationCreation creation = new TeleconsultationCreation(
          bus, privilegesConfig.privileges(), new KaleyraAccounts(bus), rooms, directory, authorization);
      AccessWindow window = new AccessWindow(config.immutablePeriod());
      TeleconsultationJoin join = new TeleconsultationJoin(vertx, bus, window, privilegesConfig.backgroundGroups(),
          Clock.systemUTC(), roomDetails != null ? roomDetails : new RoomDetailsCache(config.roomDetailsTtlMs()));
      TeleconsultationChanges changes = new TeleconsultationChanges(bus, privilegesConfig.privileges(),
          new KaleyraAccounts(bus), rooms, window, config.unlimitedTeleconsultation(), Clock.systemUTC(), directory,
          authorization);
      UploadsDeletion uploads = new UploadsDeletion(bus, authorization);
      SdkCredentials credentials = new SdkCredentials(bus, privilegesConfig.privileges(), new KaleyraAccounts(bus), directory);
      CompanySettings settings = new CompanySettings(bus, privilegesConfig.settingsAccess(), directory);
      vertx.eventBus().<JsonObject>consumer(Addresses.EVENT_TELECONSULTATION_UPDATED,
          event -> join.forget(event.body().getString("previousRoomId")));
      vertx.eventBus().<JsonObject>consumer(Addresses.EVENT_TELECONSULTATION_DELETED,
          event -> join.forget(event.body().getString("roomId")));
      return Future.all(List.of(
          // A key belongs to its first caller; a replay is answered only once the caller passes the same
          // authorization as the request itself.
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_CREATE, request -> idempotency.once(
              request.getString("idempotencyKey"), "teleconsultation.create", request.getString("callerId"),
              new JsonObject().put("body", request.getJsonObject("body")),
              () -> creation.authorize(request), () -> creation.create(request))).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_JOIN, join::join).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_UPDATE, changes::update).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_PARTICIPANT_ADD, request -> idempotency.once(
              request.getString("idempotencyKey"), "teleconsultation.participants.add", request.getString("callerId"),
              new JsonObject().put("id", request.getString("id")).put("participant", request.getJsonObject("participant")),
              () -> changes.authorizeChange(request), () -> changes.addParticipant(request))).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_DELETE, changes::delete).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_UPLOADS_DELETE, uploads::delete).completion(),
          BusEndpoint.register(vertx, Addresses.TELECONSULTATION_PING, ping -> Future.succeededFuture(new JsonObject()))
              .completion(),
          BusEndpoint.register(vertx, Addresses.CREDENTIALS_CREATE, credentials::create).completion(),
          BusEndpoint.register(vertx, Addresses.SETTINGS_UPDATE, settings::update).completion(),
          // The request names a file on this node's disk, so only this node may answer it (docs/event-bus.md).
          BusEndpoint.registerLocal(vertx, Addresses.SETTINGS_BACKGROUND_UPLOAD, settings::uploadBackground)
              .completion()));
    });
  }
}
