package io.teleconsultation.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code /demo} (not in openapi.yaml): a plain HTML/JS page, served from {@code webroot/demo} in the jar, that
 * drives the API the way the real frontend does: create, wait in a waiting room polling GET, join in an iframe,
 * change, delete. It sends the caller's {@code miauserid} header itself, which only the API gateway should do: so
 * it is served only with the simulator or with {@code DEMO_ENABLED=true} (never in production).
 */
final class DemoPage {

  static final String PATH = "/demo";
  static final String WEBROOT = "webroot/demo";
  /** Its own script and style only; the iframe may show the simulator's page or a real Kaleyra room. */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-src http: https:; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

  private DemoPage() {}

  static void mount(Router router) {
    // Without the trailing slash the page's relative addresses would resolve against "/".
    router.get(PATH).handler(rc -> {
      if (rc.request().path().equals(PATH)) {
        rc.redirect(PATH + "/");
      } else {
        rc.next();
      }
    });
    // Not cached: the page must change with the service it is served by.
    router.route(PATH + "/*").handler(DemoPage::headers).handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
  }

  private static void headers(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "no-cache");
    rc.next();
  }
}
