package io.teleconsultation.store;

import io.teleconsultation.config.DatabaseUrl;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The {@code sslmode} of DATABASE_URL applied to the PostgreSQL client, with libpq's meaning: {@code require} (and
 * {@code allow}, {@code prefer}) encrypt without checking the server's certificate, unless {@code sslrootcert} is
 * given; {@code verify-ca} checks it against {@code sslrootcert}; {@code verify-full} also checks the host name.
 */
final class DatabaseTls {

  private DatabaseTls() {}

  static PgConnectOptions apply(DatabaseUrl url, PgConnectOptions options) {
    SslMode mode = SslMode.of(url.sslMode());
    options.setSslMode(mode);
    if (mode == SslMode.DISABLE) {
      return options;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    if (url.sslRootCert() != null) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(url.sslRootCert()));
    } else {
      ssl.setTrustAll(true);
    }
    // Only verify-full checks that the certificate names the host; "" turns the check off explicitly.
    ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    return options.setSslOptions(ssl);
  }
}
