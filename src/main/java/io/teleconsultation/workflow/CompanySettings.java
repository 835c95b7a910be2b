package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.SettingsAccess;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The company settings on Kaleyra (docs/original-service.md, "Settings"): upload a virtual background image, make one the company
 * default. Only an identified caller in {@code settingsGroups} may (nobody when the config names none).
 */
final class CompanySettings {

  private static final Logger LOG = LoggerFactory.getLogger(CompanySettings.class);

  static final String FORBIDDEN = SettingsAccess.FORBIDDEN;

  private final BusClient bus;
  private final SettingsAccess access;
  private final ParticipantDirectory directory;

  CompanySettings(BusClient bus, SettingsAccess access, ParticipantDirectory directory) {
    this.bus = bus;
    this.access = access;
    this.directory = directory;
  }

  /** @param request {@code {callerId, groups, backgroundAlias}} */
  Future<JsonObject> update(JsonObject request) {
    String alias = request.getString("backgroundAlias");
    return authorize(request).compose(allowed -> bus.request(Addresses.KALEYRA_COMPANY_UPDATE, new JsonObject().put("backgroundAlias", alias))
        .recover(err -> Future.failedFuture(
            err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND
                // Kaleyra answers 404 to an alias it does not know: the client sent a wrong value.
                ? BusFailure.of(BusFailure.BAD_REQUEST, "Unknown background_alias '" + alias
                    + "': upload the image first with POST /settings/background-image")
                : err)));
  }

  /**
   * @param request {@code {callerId, groups, path, fileName, mediaType}}, the image already checked by the HTTP
   *     edge and waiting at {@code path} on this node's disk
   */
  Future<JsonObject> uploadBackground(JsonObject request) {
    JsonObject upload = new JsonObject()
        .put("path", request.getString("path"))
        .put("fileName", request.getString("fileName"))
        .put("mediaType", request.getString("mediaType"));
    return authorize(request)
        .compose(allowed -> bus.requestLocal(Addresses.KALEYRA_COMPANY_BACKGROUND_UPLOAD, upload)
            .recover(err -> Future.failedFuture(noLocalKaleyra(err))))
        .map(background -> new JsonObject().put("virtual_background", new JsonObject()
            .put("background_alias", background.getString("backgroundAlias"))
            .put("url", background.getString("url"))
            .put("creation_date", background.getString("creationDate"))));
  }

  /** In the user-directory mode the caller's groups are the directory's, never the gateway's header (README). */
  private Future<Void> authorize(JsonObject request) {
    String callerId = request.getString("callerId");
    if (callerId == null) {
      return Future.failedFuture(new DomainException(DomainException.Kind.UNAUTHORIZED, TeleconsultationJoin.UNAUTHORIZED));
    }
    List<String> headerGroups = request.getJsonArray("groups", new JsonArray()).stream().map(String::valueOf).toList();
    return directory.groupsOfCaller(callerId, headerGroups).compose(groups -> access.allows(groups)
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new DomainException(DomainException.Kind.FORBIDDEN, FORBIDDEN)));
  }

  /** The image is a file on this node: only a Kaleyra verticle on this node can send it (docs/event-bus.md). */
  private static Throwable noLocalKaleyra(Throwable err) {
    if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      LOG.error("Cannot upload a background image: this node runs no Kaleyra verticle. "
          + "Run the kaleyra role on every node that runs http (VERTICLES=http,kaleyra,...)");
      return BusFailure.of(BusFailure.UNAVAILABLE,
          "Background images cannot be uploaded through this instance (it runs no Kaleyra integration)");
    }
    return err;
  }
}
