package io.teleconsultation.kaleyra.simulator;

import static io.teleconsultation.kaleyra.simulator.SimulatorJson.BACKGROUND_ALIAS;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.DEFAULT_LANGUAGE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.END_CALL_REDIRECT_TIMEOUT_MS;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.END_CALL_REDIRECT_URL;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.FILE_PART;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.NAME;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.USER_DETAILS_PROVIDER_URL;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.badRequest;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.notFound;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.tooLarge;

import io.teleconsultation.kaleyra.simulator.SimulatorState.Background;
import io.teleconsultation.kaleyra.simulator.SimulatorState.Company;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/company} and its virtual backgrounds: docs/kaleyra.md, "Company". Also the
 * simulator-only {@code GET /simulator/backgrounds/{alias}.jpg}, which serves the URL handed out for
 * an uploaded background.
 */
final class CompanyRoutes {

  /** What Kaleyra accepts for one background image (the service itself caps lower, at 10 MB). */
  static final long MAX_BACKGROUND_BYTES = 16L * 1024 * 1024;
  /** Room for the multipart framing around a maximal image, so that the limit applies to the image. */
  static final long MAX_BACKGROUND_REQUEST_BYTES = MAX_BACKGROUND_BYTES + 64 * 1024;
  static final Set<String> BACKGROUND_TYPES = Set.of("image/jpeg", "image/png");
  static final String BACKGROUNDS_PATH = "/simulator/backgrounds/";
  private static final String BACKGROUND_SUFFIX = ".jpg";
  private static final Set<String> UPDATABLE_FIELDS = Set.of(NAME, DEFAULT_LANGUAGE, BACKGROUND_ALIAS,
      END_CALL_REDIRECT_URL, END_CALL_REDIRECT_TIMEOUT_MS, USER_DETAILS_PROVIDER_URL);

  /**
   * The simulator keeps no image bytes (uploads are deleted once measured), so every background URL
   * serves this 16x9 slate-blue JPEG: enough for a browser to show something instead of a broken image.
   */
  private static final Buffer PLACEHOLDER_JPEG = Buffer.buffer(Base64.getDecoder().decode(
      "/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcp"
          + "LDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy"
          + "MjIyMjIyMjIyMjIyMjIyMjL/wAARCAAJABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QA"
          + "tRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3"
          + "ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLD"
          + "xMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QA"
          + "tREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2"
          + "Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6"
          + "wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDlaKKK9U88/9k="));

  private static final Logger LOG = LoggerFactory.getLogger(CompanyRoutes.class);

  private final SimulatorState state;
  private final Clock clock;
  private final SimulatorIds ids;
  /** {@code http://host:port} of the running simulator; known only once it listens. */
  private final Supplier<String> serverRoot;

  CompanyRoutes(SimulatorState state, Clock clock, SimulatorIds ids, Supplier<String> serverRoot) {
    this.state = state;
    this.clock = clock;
    this.ids = ids;
    this.serverRoot = serverRoot;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody, Handler<RoutingContext> uploadBody) {
    router.get("/v2/company").handler(this::read);
    router.put("/v2/company").handler(jsonBody).handler(this::update);
    router.post("/v2/company/virtual_backgrounds").handler(uploadBody).handler(this::uploadBackground);
    router.get(BACKGROUNDS_PATH + ":file").handler(this::serveBackground);
  }

  private void read(RoutingContext rc) {
    SimulatorReplies.json(rc, 200, SimulatorJson.company(state.company()));
  }

  /** A partial update: only the fields sent change; all are checked before any is applied. */
  private void update(RoutingContext rc) {
    JsonBody body = JsonBody.of(rc);
    for (String field : body.json().fieldNames()) {
      if (!UPDATABLE_FIELDS.contains(field)) {
        throw badRequest("unknown company field " + field + "; updatable fields are " + UPDATABLE_FIELDS);
      }
    }
    Company current = state.company();
    String name = body.optionalString(NAME).map(value -> {
      if (value.isBlank()) {
        throw badRequest(NAME + " must not be blank");
      }
      return value;
    }).orElse(current.name());
    String language = body.optionalString(DEFAULT_LANGUAGE).map(UserRoutes::language)
        .orElse(current.defaultLanguage());
    Background background = current.defaultBackground();
    if (body.json().containsKey(BACKGROUND_ALIAS)) {
      // an explicit null removes the default background
      background = body.optionalString(BACKGROUND_ALIAS)
          .map(alias -> state.background(alias)
              .orElseThrow(() -> notFound("virtual background " + alias + " not found")))
          .orElse(null);
    }
    String redirectUrl = body.optionalString(END_CALL_REDIRECT_URL).map(value -> url(END_CALL_REDIRECT_URL, value))
        .orElse(current.endCallRedirectUrl());
    int redirectTimeoutMs = body.optionalInteger(END_CALL_REDIRECT_TIMEOUT_MS).map(value -> {
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw badRequest(END_CALL_REDIRECT_TIMEOUT_MS + " must be a non-negative number of milliseconds");
      }
      return value.intValue();
    }).orElse(current.endCallRedirectTimeoutMs());
    String detailsUrl = body.optionalString(USER_DETAILS_PROVIDER_URL)
        .map(value -> url(USER_DETAILS_PROVIDER_URL, value)).orElse(current.userDetailsProviderUrl());

    Company updated = new Company(name, language, background, redirectUrl, redirectTimeoutMs, detailsUrl);
    state.replaceCompany(updated);
    SimulatorReplies.json(rc, 200, SimulatorJson.company(updated));
  }

  /** Empty (meaning "none", as in the contract's example) or an absolute http(s) URL. */
  private static String url(String field, String value) {
    if (value.isEmpty()) {
      return value;
    }
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return value;
      }
    } catch (Exception e) {
      // refused below
    }
    throw badRequest(field + " must be empty or an absolute http(s) URL");
  }

  /**
   * Measures the {@code file} part and deletes every uploaded file before answering: the simulator
   * keeps no image bytes, and temporary files must not pile up during a long local session.
   */
  private void uploadBackground(RoutingContext rc) {
    List<FileUpload> uploads = List.copyOf(rc.fileUploads());
    Optional<FileUpload> file = uploads.stream().filter(upload -> FILE_PART.equals(upload.name())).findFirst();
    deleteAll(uploads)
        .map(deleted -> register(file.orElseThrow(() -> badRequest("multipart part \"" + FILE_PART + "\" is required"))))
        .onSuccess(background -> SimulatorReplies.json(rc, 201, SimulatorJson.uploadedBackground(background)))
        .onFailure(rc::fail);
  }

  private Background register(FileUpload file) {
    if (file.size() > MAX_BACKGROUND_BYTES) {
      throw tooLarge("a virtual background may be at most " + MAX_BACKGROUND_BYTES / (1024 * 1024) + " MB");
    }
    if (file.size() == 0) {
      throw badRequest("the \"" + FILE_PART + "\" part is empty");
    }
    String type = file.contentType() == null ? "" : file.contentType().toLowerCase();
    if (!BACKGROUND_TYPES.contains(type)) {
      throw badRequest("a virtual background must be image/jpeg or image/png, got " + file.contentType());
    }
    String alias = ids.backgroundAlias();
    Background background = new Background(alias, backgroundUrl(serverRoot.get(), alias),
        clock.instant().truncatedTo(ChronoUnit.MILLIS), file.size());
    state.addBackground(background);
    return background;
  }

  /** Where the simulator at {@code serverRoot} ({@code http://host:port}) serves the background {@code alias}. */
  static String backgroundUrl(String serverRoot, String alias) {
    return serverRoot + BACKGROUNDS_PATH + alias + BACKGROUND_SUFFIX;
  }

  private static Future<Void> deleteAll(List<FileUpload> uploads) {
    List<Future<Void>> deletions = uploads.stream()
        .map(upload -> upload.delete().recover(err -> {
          LOG.warn("Could not delete the simulator's temporary upload {}", upload.uploadedFileName(), err);
          return Future.<Void>succeededFuture();
        }))
        .toList();
    return Future.all(deletions).mapEmpty();
  }

  private void serveBackground(RoutingContext rc) {
    String file = rc.pathParam("file");
    String alias = file.endsWith(BACKGROUND_SUFFIX)
        ? file.substring(0, file.length() - BACKGROUND_SUFFIX.length()) : file;
    if (!file.endsWith(BACKGROUND_SUFFIX) || state.background(alias).isEmpty()) {
      throw notFound("virtual background " + file + " not found");
    }
    rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
        .end(PLACEHOLDER_JPEG);
  }
}
