package io.teleconsultation.observability;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id (and teleconsultation id, once known) of the work in progress. Vert.x runs each HTTP request and
 * each event-bus message on its own duplicated context, and the futures composed from there stay on it: data put
 * there follows the request through every step, without passing it by hand. It crosses the event bus as message
 * headers (see {@code BusClient}, {@code BusEndpoint}) and reaches Kaleyra as the {@code x-request-id} header.
 */
public final class RequestContext {

  public static final String REQUEST_ID_HEADER = "x-request-id";
  public static final String TELECONSULTATION_ID_HEADER = "x-teleconsultation-id";

  private static final String REQUEST_ID = "io.teleconsultation.requestId";
  private static final String TELECONSULTATION_ID = "io.teleconsultation.teleconsultationId";
  /** A client's id is kept only if it cannot break a log line or flood it. */
  private static final Pattern ACCEPTABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestContext() {}

  /** The client's {@code x-request-id} when it is a plain short token, else a new one. */
  public static String acceptOrGenerate(String clientRequestId) {
    return clientRequestId != null && ACCEPTABLE_ID.matcher(clientRequestId).matches()
        ? clientRequestId
        : UUID.randomUUID().toString();
  }

  public static String requestId() {
    return get(REQUEST_ID);
  }

  public static void setRequestId(String requestId) {
    put(REQUEST_ID, requestId);
  }

  public static String teleconsultationId() {
    return get(TELECONSULTATION_ID);
  }

  public static void setTeleconsultationId(String teleconsultationId) {
    put(TELECONSULTATION_ID, teleconsultationId);
  }

  private static String get(String key) {
    ContextInternal context = duplicatedContext();
    return context == null ? null : (String) context.localContextData().get(key);
  }

  private static void put(String key, String value) {
    ContextInternal context = duplicatedContext();
    // Only a duplicated context belongs to one request: the event loop's own context is shared by all of them.
    if (context != null && value != null) {
      context.localContextData().put(key, value);
    }
  }

  // ContextInternal is not public API. The public ContextLocal needs registering before any Vertx instance is
  // created (its slots are sized then), which the tests' own instances precede, and Context cannot tell a
  // duplicated context from the shared event-loop one. Moving to a public mechanism is issue 14's item 3.
  private static ContextInternal duplicatedContext() {
    ContextInternal context = (ContextInternal) Vertx.currentContext();
    return context != null && context.isDuplicate() ? context : null;
  }
}
