package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.bus.TeleconsultationJson;
import io.teleconsultation.domain.CallerIdentity;
import io.teleconsultation.domain.ChangeAuthorization;
import io.teleconsultation.domain.Teleconsultation;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DELETE /teleconsultation/{id}/uploads (docs/original-service.md, "Uploads"): deletes the files participants shared during the call.
 * Each file is deleted on its own, so one failure does not stop the others; the caller learns how many are left
 * ({@code deleted < total}) and sends the same request again later.
 */
final class UploadsDeletion {

  private static final Logger LOG = LoggerFactory.getLogger(UploadsDeletion.class);

  private final BusClient bus;
  private final ChangeAuthorization authorization;

  UploadsDeletion(BusClient bus, ChangeAuthorization authorization) {
    this.bus = bus;
    this.authorization = authorization;
  }

  /** @param request {@code {id, callerId, callerGroups}} */
  Future<JsonObject> delete(JsonObject request) {
    CallerIdentity caller = TeleconsultationJson.caller(request);
    authorization.requireIdentity(caller);
    return bus.request(Addresses.STORE_TELECONSULTATION_GET, new JsonObject().put("id", request.getString("id")))
        .map(TeleconsultationJson::teleconsultation)
        .compose(teleconsultation -> {
          authorization.checkUploadsDeletion(caller, teleconsultation);
          return teleconsultation.roomId() == null ? Future.succeededFuture(result(0, 0)) : deleteAll(teleconsultation);
        });
  }

  private Future<JsonObject> deleteAll(Teleconsultation teleconsultation) {
    String roomId = teleconsultation.roomId();
    return uploads(roomId).compose(uploads -> {
      List<Future<Boolean>> deletions = uploads.stream().map(upload -> deleteOne(roomId, upload)).toList();
      return Future.all(deletions).map(done -> {
        long deleted = deletions.stream().filter(Future::result).count();
        return result(deletions.size(), deleted);
      });
    });
  }

  /** The room's uploads; none when Kaleyra no longer knows the room (its files went with it). */
  private Future<List<String>> uploads(String roomId) {
    return bus.request(Addresses.KALEYRA_ROOM_UPLOADS_LIST, new JsonObject().put("roomId", roomId))
        .map(reply -> reply.getJsonArray("uploads", new JsonArray()).stream()
            .map(JsonObject.class::cast)
            .map(upload -> upload.getString("id"))
            .toList())
        .recover(err -> err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND
            ? Future.succeededFuture(List.of())
            : Future.failedFuture(err));
  }

  /** True once the file is gone; a failure is logged for the operator and left for the caller's retry. */
  private Future<Boolean> deleteOne(String roomId, String uploadId) {
    return bus.request(Addresses.KALEYRA_ROOM_UPLOAD_DELETE, new JsonObject().put("roomId", roomId).put("uploadId", uploadId))
        .map(deleted -> true)
        .otherwise(err -> {
          LOG.warn("Could not delete upload {} of room {}: {}", uploadId, roomId, err.getMessage());
          return false;
        });
  }

  private static JsonObject result(long total, long deleted) {
    return new JsonObject().put("total", total).put("deleted", deleted);
  }
}
