package io.teleconsultation.store;

import io.teleconsultation.config.DatabaseUrl;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway (scripts in resources/db/migration). Blocking: run on a worker. */
final class Migrations {

  private Migrations() {}

  static int migrate(DatabaseUrl url) {
    return Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
