package io.teleconsultation.api;

import io.teleconsultation.domain.SettingsAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of POST /settings/background-image so that no client can fill the disk:
 * <ul>
 *   <li>before a byte of the body is read, the caller must be identified (401) and in {@code settingsGroups} (403),
 *       the body must be multipart (415) and not announce more than the limit (413), and fewer than
 *       {@code UPLOADS_MAX_CONCURRENT} uploads may be in progress on this node (503);</li>
 *   <li>exactly one part is accepted, the file {@code virtual_background}: any other part, or a second one, is refused
 *       with 400 as soon as it starts, and the rest of the body is discarded unread to disk;</li>
 *   <li>the image streams to a fresh file under {@code DATA_DIR/uploads}, at most 10 MB (413 past it);</li>
 *   <li>that file is deleted on every outcome: answered (whatever the status), refused, aborted by the client or cut
 *       by the request timeout. An aborted upload is logged once at DEBUG: it is the client's doing, not ours.</li>
 * </ul>
 * The use case checks the caller again (CompanySettings): this edge check only keeps unauthorised bodies off the disk.
 */
final class ImageUploadReader {

  private static final Logger LOG = LoggerFactory.getLogger(ImageUploadReader.class);

  /** Where the received image is handed to SettingsHandlers. */
  static final String RECEIVED_IMAGE = "receivedImage";
  static final String TOO_MANY = "Too many background images are being uploaded to this instance; try again later";

  /** The image received: its file on this node, the client's file name, its size. */
  record ReceivedImage(String path, String clientFileName, long size) {}

  private final Vertx vertx;
  private final UploadsDirectory directory;
  private final NodeCounter uploads;
  private final int maxConcurrent;
  private final SettingsAccess access;
  private final CallerIdPath callerIdPath;
  private final String groupsHeader;

  ImageUploadReader(Vertx vertx, UploadsDirectory directory, NodeCounter uploads, int maxConcurrent,
      SettingsAccess access, CallerIdPath callerIdPath, String groupsHeader) {
    this.vertx = vertx;
    this.directory = directory;
    this.uploads = uploads;
    this.maxConcurrent = maxConcurrent;
    this.access = access;
    this.callerIdPath = callerIdPath;
    this.groupsHeader = groupsHeader;
  }

  void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    Caller caller = Caller.of(request, callerIdPath, groupsHeader);
    if (caller == null) {
      refuseUnread(rc, new Problem(401, "Unauthorized user"));
      return;
    }
    if (!access.allows(caller.groups())) {
      refuseUnread(rc, new Problem(403, SettingsAccess.FORBIDDEN));
      return;
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      refuseUnread(rc, new Problem(415, contentType == null
          ? "A multipart/form-data body is required"
          : "Content-Type " + shown(contentType.split(";")[0].trim()) + " is not accepted; use one of [multipart/form-data]"));
      return;
    }
    if (announcedLength(request) > BodyReader.UPLOAD_LIMIT_BYTES) {
      refuseUnread(rc, new Problem(413, SettingsHandlers.TOO_LARGE));
      return;
    }
    if (!uploads.tryAcquire(maxConcurrent)) {
      refuseUnread(rc, new Problem(503, TOO_MANY));
      return;
    }
    Receipt receipt = new Receipt(rc, directory.newFile());
    rc.addEndHandler(done -> {
      uploads.release();
      if (!rc.response().ended()) {
        // The connection closed before an answer: the client went away (or the request timeout cut it).
        LOG.debug("Background image upload aborted by the client after {} bytes", receipt.received);
      }
      receipt.discard();
    });
    request.setExpectMultipart(true);
    request.exceptionHandler(err -> receipt.discard());
    request.uploadHandler(receipt::part);
    request.endHandler(v -> receipt.bodyEnded());
  }

  private static long announcedLength(HttpServerRequest request) {
    try {
      String length = request.getHeader("Content-Length");
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A refusal before the body is read. The body is then read and dropped (never stored), up to the body limit, so
   * that the client sees the answer instead of a reset; past the limit the connection is closed.
   */
  private static void refuseUnread(RoutingContext rc, Problem problem) {
    HttpServerRequest request = rc.request();
    long[] dropped = {0};
    request.exceptionHandler(err -> LOG.debug("Refused upload: the client went away: {}", err.getMessage()));
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > BodyReader.UPLOAD_LIMIT_BYTES) {
        request.connection().close();
      }
    });
    rc.response().putHeader("Connection", "close");
    problem.send(rc.response());
  }

  /** A part name as it may appear in an answer: short, without control characters. */
  private static String shown(String name) {
    String safe = LogSafe.of(name);
    return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
  }

  /** One request's upload: at most one file part, written to {@code path}. */
  private final class Receipt {

    private final RoutingContext rc;
    private final String path;
    /** The file being written, once the image part has started. */
    private Future<AsyncFile> opened;
    /** Completes when the image part has been entirely written to the file. */
    private Future<Void> written;
    private AsyncFile file;
    private String clientFileName;
    private long received;
    private boolean refused;
    private boolean discarded;

    Receipt(RoutingContext rc, String path) {
      this.rc = rc;
      this.path = path;
    }

    void part(HttpServerFileUpload upload) {
      upload.exceptionHandler(err -> discard());
      if (refused || discarded) {
        upload.handler(this::dropped);
        return;
      }
      if (opened != null) {
        refuse(upload, onlyOnePart("a second part is not accepted"));
        return;
      }
      if (!rc.request().formAttributes().isEmpty()) {
        refuse(upload, onlyOnePart("a form field is not accepted"));
        return;
      }
      if (!SettingsHandlers.IMAGE_PART.equals(upload.name())) {
        refuse(upload, onlyOnePart("part '" + shown(upload.name()) + "' is not accepted"));
        return;
      }
      clientFileName = upload.filename();
      upload.pause();
      opened = vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreateNew(true));
      written = opened.compose(f -> {
        file = f;
        Future<Void> ended = Future.future(promise -> upload.endHandler(v -> promise.tryComplete()));
        upload.handler(this::write);
        upload.resume();
        return ended;
      });
    }

    private Problem onlyOnePart(String what) {
      return new Problem(400, "The form must carry exactly one part, the file '" + SettingsHandlers.IMAGE_PART
          + "': " + what);
    }

    private void write(Buffer chunk) {
      if (refused || discarded) {
        dropped(chunk);
        return;
      }
      received += chunk.length();
      if (received > SettingsHandlers.MAX_IMAGE_BYTES) {
        refuse(null, new Problem(413, SettingsHandlers.TOO_LARGE));
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        rc.request().pause();
        file.drainHandler(v -> rc.request().resume());
      }
    }

    /** Parts after a refusal are read and dropped (never written), within the body limit. */
    private void dropped(Buffer chunk) {
      received += chunk.length();
      if (received > BodyReader.UPLOAD_LIMIT_BYTES) {
        rc.request().connection().close();
      }
    }

    /**
     * Answers at once and drops the rest of the body (bounded by the body limit and the request timeout), so that
     * the client reads the answer; the connection closes after it.
     */
    private void refuse(HttpServerFileUpload upload, Problem problem) {
      refused = true;
      if (upload != null) {
        upload.handler(this::dropped);
      }
      rc.response().putHeader("Connection", "close");
      problem.send(rc.response());
      discard();
    }

    void bodyEnded() {
      if (refused || discarded) {
        return;
      }
      if (written == null) {
        refuse(null, rc.request().formAttributes().isEmpty()
            ? new Problem(400, "Missing file part '" + SettingsHandlers.IMAGE_PART + "'")
            : onlyOnePart("a form field is not accepted"));
        return;
      }
      written
          .compose(v -> file.flush())
          .onSuccess(v -> {
            if (!refused && !discarded) {
              rc.put(RECEIVED_IMAGE, new ReceivedImage(path, clientFileName, received));
              rc.next();
            }
          })
          .onFailure(err -> {
            if (!discarded) {
              rc.fail(err);
            }
          });
    }

    /** Closes and deletes the file, once, whatever happened. */
    void discard() {
      if (discarded) {
        return;
      }
      discarded = true;
      if (opened == null) {
        return;
      }
      opened.compose(f -> f.close().otherwiseEmpty())
          .onComplete(v -> directory.delete(path));
    }
  }
}
