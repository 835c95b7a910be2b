package io.teleconsultation.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code DATABASE_URL} of the form {@code postgresql://user:pass@host:port/db?sslmode=…&sslrootcert=…}.
 * {@code sslmode} takes libpq's values ({@code disable}, {@code allow}, {@code prefer}, {@code require},
 * {@code verify-ca}, {@code verify-full}); {@code sslrootcert} is a PEM file of the CA(s) to trust, needed by the two
 * {@code verify-*} modes. Without {@code sslmode}, the connection is not encrypted ({@code disable}), as before.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String sslMode,
    String sslRootCert) {

  public static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, "disable", null);
  }

  public static DatabaseUrl parse(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      // Never echo the URL: it holds the password.
      throw new IllegalArgumentException("DATABASE_URL is not a valid URL (expected postgresql://user:pass@host:port/db)");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgresql://");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("DATABASE_URL must name a host and a database: postgresql://user:pass@host:port/db");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    Map<String, String> query = query(uri.getRawQuery());
    String sslMode = query.getOrDefault("sslmode", "disable");
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("DATABASE_URL: sslmode must be one of " + SSL_MODES);
    }
    String rootCert = query.get("sslrootcert");
    if (sslMode.startsWith("verify-") && rootCert == null) {
      throw new IllegalArgumentException("DATABASE_URL: sslmode=" + sslMode
          + " needs sslrootcert=<PEM file of the CA that signed the server's certificate>");
    }
    return new DatabaseUrl(uri.getHost(), port, uri.getPath().substring(1), user, password, sslMode, rootCert);
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        String[] kv = pair.split("=", 2);
        if (!kv[0].isEmpty()) {
          parameters.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
      }
    }
    return parameters;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** For Flyway (pgjdbc), which reads the same {@code sslmode} and {@code sslrootcert} parameters. */
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
    return sslRootCert == null ? url : url + "&sslrootcert=" + java.net.URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8);
  }

  /** Masks the password so that the value can be logged or printed. */
  @Override
  public String toString() {
    return "postgresql://" + user + ":***@" + host + ":" + port + "/" + database
        + ("disable".equals(sslMode) ? "" : "?sslmode=" + sslMode);
  }
}
