package io.teleconsultation.api;

/**
 * Request data (paths, headers) on its way into a log line: control characters become '_' so that a client
 * cannot end our line and forge the next one.
 */
final class LogSafe {

  private LogSafe() {}

  static String of(String value) {
    return value == null ? "null" : value.replaceAll("\\p{Cntrl}", "_");
  }
}
