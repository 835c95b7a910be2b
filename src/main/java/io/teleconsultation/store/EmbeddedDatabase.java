package io.teleconsultation.store;

import io.teleconsultation.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server started by the service itself when no {@code DATABASE_URL} is given, so that a newcomer
 * needs nothing installed. Its data lives under {@code DATA_DIR/postgres} and survives restarts. Blocking: call it
 * from a worker thread.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(String dataDir) throws IOException {
    Path directory = Path.of(dataDir, "postgres").toAbsolutePath();
    Files.createDirectories(directory.getParent());
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .start();
    return new EmbeddedDatabase(postgres);
  }

  DatabaseUrl url() {
    return new DatabaseUrl("127.0.0.1", postgres.getPort(), "postgres", "postgres", "");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
