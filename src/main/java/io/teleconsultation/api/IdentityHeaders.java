package io.teleconsultation.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses with 400, before anything else reads the request, one that carries the identity or the groups header more
 * than once. Which copy counts would otherwise depend on the reader (the first, here), while a gateway or a proxy in
 * front may have checked another: a caller could add a second identity behind the gateway's.
 */
final class IdentityHeaders implements Handler<RoutingContext> {

  /**
   * The paths of the operations that read the caller's headers (not the probes, nor the documentation). Matched here
   * rather than by a route path, which would become part of every request's route in the HTTP metrics.
   */
  private static final Pattern OPERATIONS_READING_THEM = Pattern.compile("/(teleconsultation|credentials|settings)(/.*)?");

  private final List<String> headers;

  /** @param userIdHeader the header the caller's id is read from ({@link CallerIdPath#headerName()}) */
  IdentityHeaders(String userIdHeader, String groupsHeader) {
    this.headers = List.of(userIdHeader, groupsHeader);
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!OPERATIONS_READING_THEM.matcher(rc.normalizedPath()).matches()) {
      rc.next();
      return;
    }
    for (String header : headers) {
      if (rc.request().headers().getAll(header).size() > 1) {
        new Problem(400, "The header " + header + " must appear at most once").send(rc.response());
        return;
      }
    }
    rc.next();
  }
}
