package io.teleconsultation.api;

import io.teleconsultation.domain.SettingsAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of POST /settings/background-image so that no client can fill the disk:
 * <ul>
 *   <li>before a byte of the body is read, the caller must be identified (401) and in {@code settingsGroups} (403;
 *       in the user-directory mode by the directory's groups, see CallerGroups), the body must be multipart (415)
 *       with a boundary of 1 to 70 characters (400, RFC 2046) and not announce more than the limit (413), and fewer
 *       than {@code UPLOADS_MAX_CONCURRENT} uploads may be in progress on this node (503). Only then is a client
 *       that sent {@code Expect: 100-continue} told to send the body;</li>
 *   <li>exactly one part is accepted, the file {@code virtual_background}: any other part, a second one or a form
 *       field is refused with 400, and the rest of the body is discarded unread to disk; a body the multipart decoder
 *       cannot read (a part header, file name or field beyond its limits) is refused with 400 too;</li>
 *   <li>every refusal carries {@code Connection: close}, and the connection is closed once the answer is written and
 *       the body read (closing earlier, with bytes unread, would make the client see a reset instead of the answer);</li>
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
  static final String BAD_BOUNDARY = "The multipart/form-data Content-Type needs a boundary parameter of 1 to 70"
      + " characters (RFC 2046)";
  static final String MALFORMED = "The multipart body cannot be read: a part header, file name or form field is"
      + " malformed or too long";
  private static final Pattern BOUNDARY =
      Pattern.compile(";\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNDARY_VALUE = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

  /** The image received: its file on this node, the client's file name, its size. */
  record ReceivedImage(String path, String clientFileName, long size) {}

  private final Vertx vertx;
  private final UploadsDirectory directory;
  private final NodeCounter uploads;
  private final int maxConcurrent;
  private final SettingsAccess access;
  private final CallerIdPath callerIdPath;
  private final String groupsHeader;
  private final CallerGroups callerGroups;

  ImageUploadReader(Vertx vertx, UploadsDirectory directory, NodeCounter uploads, int maxConcurrent,
      SettingsAccess access, CallerIdPath callerIdPath, String groupsHeader, CallerGroups callerGroups) {
    this.vertx = vertx;
    this.directory = directory;
    this.uploads = uploads;
    this.maxConcurrent = maxConcurrent;
    this.access = access;
    this.callerIdPath = callerIdPath;
    this.groupsHeader = groupsHeader;
    this.callerGroups = callerGroups;
  }

  void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    Caller caller = Caller.of(request, callerIdPath, groupsHeader);
    if (caller == null) {
      refuseUnread(rc, new Problem(401, "Unauthorized user"));
      return;
    }
    Future<List<String>> groups = callerGroups.of(caller);
    if (groups.isComplete()) {
      checked(rc, groups);
      return;
    }
    // The directory is asked first: no byte of the body is read meanwhile.
    request.pause();
    groups.onComplete(answered -> {
      checked(rc, groups);
      request.resume();
    });
  }

  private void checked(RoutingContext rc, Future<List<String>> groups) {
    HttpServerRequest request = rc.request();
    if (groups.failed()) {
      refuseUnread(rc, groups.cause() instanceof CallerGroups.ProblemException answer
          ? answer.problem() : new Problem(502, "The user directory could not be reached"));
      return;
    }
    if (!access.allows(groups.result())) {
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
    if (!hasValidBoundary(contentType)) {
      refuseUnread(rc, new Problem(400, BAD_BOUNDARY));
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
    request.exceptionHandler(receipt::failed);
    try {
      request.setExpectMultipart(true);
    } catch (RuntimeException e) {
      // The decoder refuses a Content-Type it cannot split: the client's header, not our failure.
      receipt.refuse(null, new Problem(400, BAD_BOUNDARY));
      return;
    }
    request.uploadHandler(receipt::part);
    request.endHandler(v -> receipt.bodyEnded());
    if (expectsContinue(request)) {
      // Every check that needs no body passed: the client may send it.
      rc.response().writeContinue();
    }
  }

  /**
   * RFC 2046: the boundary parameter is 1 to 70 characters among {@code bchars} (a space only inside), quoted or not.
   * Netty's decoder fails on an empty one with an exception of its own instead of a refusal.
   */
  static boolean hasValidBoundary(String contentType) {
    Matcher matcher = BOUNDARY.matcher(contentType);
    if (!matcher.find()) {
      return false;
    }
    String boundary = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    return BOUNDARY_VALUE.matcher(boundary).matches();
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
    answerAndClose(rc, problem, expectsContinue(request));
    request.resume();
  }

  /** A client that sent {@code Expect: 100-continue} waits for our word before sending the body. */
  private static boolean expectsContinue(HttpServerRequest request) {
    return "100-continue".equalsIgnoreCase(String.valueOf(request.getHeader("Expect")).trim());
  }

  /**
   * Sends a refusal with {@code Connection: close}, then closes the connection once the answer is written and the
   * request's body is read (dropped): closing with bytes unread would reset the connection, and the client could
   * lose the answer. A body that never ends is cut by the request timeout (ConnectionLimits).
   *
   * @param bodyNotComing the client waits for {@code 100 Continue}, which it will not get: no body will come
   */
  private static void answerAndClose(RoutingContext rc, Problem problem, boolean bodyNotComing) {
    HttpServerRequest request = rc.request();
    rc.response().putHeader("Connection", "close");
    problem.send(rc.response()).onComplete(written -> {
      if (bodyNotComing || request.isEnded()) {
        request.connection().close();
      } else {
        request.endHandler(v -> request.connection().close());
      }
    });
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
      upload.exceptionHandler(this::failed);
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
      answerAndClose(rc, problem, false);
      discard();
    }

    /**
     * The request (or a part) failed: the client went away, or the decoder could not read the body, which the client
     * is answered (else it would wait for an answer until the idle timeout).
     */
    void failed(Throwable err) {
      if (!(err instanceof HttpClosedException) && !refused && !rc.response().ended()) {
        refuse(null, new Problem(400, MALFORMED));
      }
      discard();
    }

    void bodyEnded() {
      if (refused || discarded) {
        return;
      }
      // Form fields are only decoded by now: one before or after the image is as refused as a second file.
      if (!rc.request().formAttributes().isEmpty()) {
        refuse(null, onlyOnePart("a form field is not accepted"));
        return;
      }
      if (written == null) {
        refuse(null, new Problem(400, "Missing file part '" + SettingsHandlers.IMAGE_PART + "'"));
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
