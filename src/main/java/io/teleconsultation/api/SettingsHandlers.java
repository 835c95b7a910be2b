package io.teleconsultation.api;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.BackgroundImageLimits;
import io.teleconsultation.domain.ImageFormat;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;

/**
 * The /settings operations: the company's virtual background image and default background
 * (docs/original-service.md, "Settings").
 * Who may change settings is the use case's decision; this class checks what the request carries.
 */
final class SettingsHandlers {

  static final String UPLOAD_OPERATION = "uploadBackgroundImage";
  static final String IMAGE_PART = "virtual_background";
  static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
  static final String TOO_LARGE = "The image is larger than 10 MB";

  private final BusClient bus;
  private final ServiceConfig config;
  private final CallerIdPath callerIdPath;
  private final FileSystem fileSystem;

  SettingsHandlers(BusClient bus, ServiceConfig config, CallerIdPath callerIdPath, FileSystem fileSystem) {
    this.callerIdPath = callerIdPath;
    this.bus = bus;
    this.config = config;
    this.fileSystem = fileSystem;
  }

  void update(RoutingContext rc) {
    JsonObject body = TeleconsultationHandlers.validated(rc).getBody().getJsonObject();
    JsonObject message = caller(rc).put("backgroundAlias", body.getString("background_alias"));
    bus.request(Addresses.SETTINGS_UPDATE, message)
        .onSuccess(company -> rc.response().putHeader("Content-Type", "application/json").end(company.encode()))
        .onFailure(rc::fail);
  }

  /**
   * The image is already on disk (ImageUploadReader, which checked the caller, the single part and its size). The
   * request validator is off for this operation: it would read the whole multipart body into memory, and it cannot
   * tell an image by its content anyway. So the last check is here: what Kaleyra accepts (BackgroundImageLimits: a
   * JPEG by its first bytes, whatever its name or declared type, of at least 1280×1280 pixels).
   */
  void uploadBackground(RoutingContext rc) {
    ImageUploadReader.ReceivedImage image = rc.get(ImageUploadReader.RECEIVED_IMAGE);
    head(image.path())
        .map(head -> {
          BackgroundImageLimits.check(head).ifPresent(refusal -> {
            throw new HttpException(refusal.reason() == BackgroundImageLimits.Reason.NOT_JPEG ? 415 : 400,
                refusal.message());
          });
          return ImageFormat.JPEG;
        })
        .compose(format -> bus.requestLocal(Addresses.SETTINGS_BACKGROUND_UPLOAD, caller(rc)
            .put("path", image.path())
            .put("fileName", fileName(image.clientFileName(), format))
            .put("mediaType", format.mediaType())))
        .onSuccess(uploaded -> rc.response().putHeader("Content-Type", "application/json").end(uploaded.encode()))
        .onFailure(rc::fail);
  }

  /** The first bytes of the uploaded file, read without blocking; fewer when the file is shorter. */
  private Future<byte[]> head(String path) {
    return fileSystem.open(path, new OpenOptions().setRead(true)).compose(file -> file
        .read(Buffer.buffer(BackgroundImageLimits.HEAD_BYTES), 0, 0, BackgroundImageLimits.HEAD_BYTES)
        .eventually(file::close)
        .map(Buffer::getBytes));
  }

  /**
   * The client's file name, reduced to characters that are safe in the multipart header we send to Kaleyra (at most
   * 100); a name with nothing left becomes {@code virtual_background.jpg} or {@code .png}.
   */
  static String fileName(String clientName, ImageFormat format) {
    String safe = clientName == null ? "" : clientName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.replace("_", "").replace(".", "").isEmpty()) {
      return IMAGE_PART + (format == ImageFormat.PNG ? ".png" : ".jpg");
    }
    return safe.length() > 100 ? safe.substring(0, 100) : safe;
  }

  private JsonObject caller(RoutingContext rc) {
    Caller caller = Caller.of(rc.request(), callerIdPath, config.groupsHeader());
    return new JsonObject()
        .put("callerId", caller == null ? null : caller.userId())
        .put("groups", new JsonArray(caller == null ? List.of() : caller.groups()));
  }
}
