package io.teleconsultation.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request and teleconsultation ids of the current Vert.x request into the MDC just before each log event
 * is made, so that every JSON log line carries them (logback.xml). The MDC is thread-bound and event loops are
 * shared by all requests, so it is set (or cleared) on every call, never left behind.
 */
public class RequestContextLogFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Turbo filters are asked on every call, also by the isDebugEnabled() checks that Netty and Vert.x make on each
    // request: the MDC is only worth setting for an event that will be logged.
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    set("requestId", RequestContext.requestId());
    set("teleconsultationId", RequestContext.teleconsultationId());
    return FilterReply.NEUTRAL;
  }

  private static void set(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
