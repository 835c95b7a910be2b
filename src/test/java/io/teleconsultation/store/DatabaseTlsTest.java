package io.teleconsultation.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.config.DatabaseUrl;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

/** sslmode of DATABASE_URL, as the PostgreSQL client receives it (libpq's meaning). */
class DatabaseTlsTest {

  private static PgConnectOptions options(String url) {
    return DatabaseTls.apply(DatabaseUrl.parse(url), new PgConnectOptions());
  }

  @Test
  void withoutSslmodeTheConnectionIsPlain() {
    assertThat(options("postgresql://u:p@db/t").getSslMode()).isEqualTo(SslMode.DISABLE);
  }

  @Test
  void requireEncryptsWithoutCheckingTheCertificate() {
    PgConnectOptions options = options("postgresql://u:p@db/t?sslmode=require");

    assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(options.getSslOptions().isTrustAll()).isTrue();
  }

  @Test
  void verifyFullChecksTheCertificateAgainstTheRootAndTheHostName() {
    PgConnectOptions options = options("postgresql://u:p@db/t?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem");

    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(options.getSslOptions().isTrustAll()).isFalse();
    assertThat(((PemTrustOptions) options.getSslOptions().getTrustOptions()).getCertPaths()).containsExactly("/etc/pg/ca.pem");
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void verifyCaChecksTheCertificateButNotTheHostName() {
    PgConnectOptions options = options("postgresql://u:p@db/t?sslmode=verify-ca&sslrootcert=/etc/pg/ca.pem");

    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_CA);
    assertThat(options.getSslOptions().isTrustAll()).isFalse();
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEmpty();
  }
}
