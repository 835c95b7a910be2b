package io.teleconsultation.importer;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.LogLevels;
import io.teleconsultation.config.PrivilegesConfig;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.importer.OriginalRecords.ImportedTeleconsultation;
import io.teleconsultation.importer.OriginalRecords.ImportedUser;
import io.teleconsultation.kaleyra.KaleyraVerticle;
import io.teleconsultation.store.ImportRepository;
import io.teleconsultation.store.ImportRepository.Outcome;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar teleconsultation-service-backend.jar import --teleconsultations t.json --users u.json [--dry-run]
 * [--verify-rooms]}: brings the original service's data over (README, "Migrating from the original service").
 * Reads the configuration as the service does ({@code DATABASE_URL}, else the embedded database under
 * {@code DATA_DIR}; the JSON config for roles). Calls Kaleyra only with {@code --verify-rooms}.
 *
 * <p>Exit status: 0 when every record was imported or already present, 2 when some were refused, 1 when the command
 * could not run (bad arguments, unreadable file, database unreachable).
 */
public final class ImportCommand {

  public static final String NAME = "import";
  static final String USAGE = "usage: java -jar teleconsultation-service-backend.jar import "
      + "[--teleconsultations FILE] [--users FILE] [--dry-run] [--verify-rooms]";

  /** The parsed command line. */
  record Options(Path teleconsultations, Path users, boolean dryRun, boolean verifyRooms) {

    static Options parse(List<String> args) {
      Path teleconsultations = null;
      Path users = null;
      boolean dryRun = false;
      boolean verifyRooms = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--teleconsultations" -> teleconsultations = Path.of(value(args, ++i, arg));
          case "--users" -> users = Path.of(value(args, ++i, arg));
          case "--dry-run" -> dryRun = true;
          case "--verify-rooms" -> verifyRooms = true;
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (teleconsultations == null && users == null) {
        throw new IllegalArgumentException("nothing to import: give --teleconsultations, --users or both");
      }
      return new Options(teleconsultations, users, dryRun, verifyRooms);
    }

    private static String value(List<String> args, int index, String option) {
      if (index >= args.size()) {
        throw new IllegalArgumentException(option + " needs a file");
      }
      return args.get(index);
    }
  }

  /** Counts of one collection. */
  static final class Counts {
    int imported;
    int present;
    int refused;

    @Override
    public String toString() {
      return imported + " imported, " + present + " already present, " + refused + " refused";
    }
  }

  private final PrintStream out;
  private final Map<String, ImportedUser> usersByKaleyraId = new HashMap<>();
  /** Rooms of the live teleconsultations read (imported or already present), for --verify-rooms. */
  private final Map<String, String> rooms = new LinkedHashMap<>();

  private ImportCommand(PrintStream out) {
    this.out = out;
  }

  /** Run from {@code Main}: the configuration comes from conf/config.yaml and the environment. */
  public static int main(List<String> args) {
    return run(args, new JsonObject(), System.out);
  }

  /** @param overrides configuration that wins over the file and the environment (tests) */
  public static int run(List<String> args, JsonObject overrides, PrintStream out) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("import: " + e.getMessage());
      out.println(USAGE);
      return 1;
    }
    for (Path file : new Path[] {options.users(), options.teleconsultations()}) {
      if (file != null && !Files.isReadable(file)) {
        out.println("import: cannot read " + file);
        return 1;
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      ServiceConfig config = ConfigurationLoader.load(vertx, overrides).await();
      LogLevels.apply(config.logLevel());
      if (options.verifyRooms() && config.kaleyraSimulated()) {
        out.println("import: --verify-rooms needs BANDYER_BASE_URL and BANDYER_API_SECRET_KEY");
        return 1;
      }
      OriginalRecords records =
          new OriginalRecords(PrivilegesConfig.load(vertx, config.teleconsultationConfigPath()).await().privileges());
      ImportRepository store = ImportRepository.open(vertx, config);
      try {
        out.println("import: into " + store.describe() + (options.dryRun() ? " (dry run: nothing is written)" : ""));
        return new ImportCommand(out).importAll(vertx, config, options, records, store);
      } finally {
        store.close();
      }
    } catch (Exception e) {
      out.println("import: failed: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
    }
  }

  private int importAll(Vertx vertx, ServiceConfig config, Options options, OriginalRecords records,
      ImportRepository store) throws Exception {
    Counts users = new Counts();
    Counts teleconsultations = new Counts();
    if (options.users() != null) {
      MongoExportFile.read(options.users(), entry -> importUser(entry, options, records, store, users));
    }
    if (options.teleconsultations() != null) {
      MongoExportFile.read(options.teleconsultations(),
          entry -> importTeleconsultation(entry, options, records, store, teleconsultations));
    }
    if (options.users() != null) {
      out.println("users: " + users);
    }
    if (options.teleconsultations() != null) {
      out.println("teleconsultations: " + teleconsultations);
    }
    if (options.verifyRooms()) {
      verifyRooms(vertx, config);
    }
    return users.refused + teleconsultations.refused == 0 ? 0 : 2;
  }

  private void importUser(MongoExportFile.Entry entry, Options options, OriginalRecords records,
      ImportRepository store, Counts counts) {
    if (entry.error() != null) {
      refuse("users", entry.line(), entry.error(), counts);
      return;
    }
    try {
      ImportedUser user = records.user(entry.document());
      count(store.importUser(user.externalId(), user.kaleyraUserId(), user.role(), options.dryRun()).await(), counts);
      usersByKaleyraId.putIfAbsent(user.kaleyraUserId(), user);
    } catch (OriginalRecords.Refused | ImportRepository.Conflict e) {
      refuse("users", entry.line(), e.getMessage(), counts);
    } catch (RuntimeException e) {
      refuse("users", entry.line(), "the database refused it: " + e.getMessage(), counts);
    }
  }

  private void importTeleconsultation(MongoExportFile.Entry entry, Options options, OriginalRecords records,
      ImportRepository store, Counts counts) {
    if (entry.error() != null) {
      refuse("teleconsultations", entry.line(), entry.error(), counts);
      return;
    }
    try {
      ImportedTeleconsultation imported = records.teleconsultation(entry.document(), kaleyraId -> mapped(store, kaleyraId));
      Outcome outcome = store.importTeleconsultation(
          imported.teleconsultation(), imported.deleted(), imported.deletedAt(), options.dryRun()).await();
      count(outcome, counts);
      if (!imported.deleted() && imported.teleconsultation().roomId() != null) {
        rooms.put(imported.teleconsultation().roomId(), imported.teleconsultation().id());
      }
    } catch (OriginalRecords.Refused | ImportRepository.Conflict e) {
      refuse("teleconsultations", entry.line(), e.getMessage(), counts);
    } catch (RuntimeException e) {
      refuse("teleconsultations", entry.line(), "the database refused it: " + e.getMessage(), counts);
    }
  }

  /** The user id map's row for a Kaleyra user: from the file read, else from an earlier import. */
  private Optional<ImportedUser> mapped(ImportRepository store, String kaleyraUserId) {
    ImportedUser fromFile = usersByKaleyraId.get(kaleyraUserId);
    if (fromFile != null) {
      return Optional.of(fromFile);
    }
    return store.externalIdOf(kaleyraUserId).await()
        .map(externalId -> new ImportedUser(externalId, kaleyraUserId, null, null, List.of()));
  }

  private static void count(Outcome outcome, Counts counts) {
    if (outcome == Outcome.IMPORTED) {
      counts.imported++;
    } else {
      counts.present++;
    }
  }

  private void refuse(String collection, int line, String reason, Counts counts) {
    counts.refused++;
    out.println(collection + ": line " + line + ": refused: " + reason);
  }

  /** Asks Kaleyra, through the service's own Kaleyra verticle, for each room; reports those it no longer knows. */
  private void verifyRooms(Vertx vertx, ServiceConfig config) {
    vertx.deployVerticle(new KaleyraVerticle(config.kaleyraBaseUrl(), config.kaleyraApiKey(), false),
        new DeploymentOptions().setConfig(config.raw())).await();
    List<String> missing = new ArrayList<>();
    int unverified = 0;
    for (Map.Entry<String, String> room : rooms.entrySet()) {
      try {
        vertx.eventBus().request(Addresses.KALEYRA_ROOM_GET, new JsonObject().put("roomId", room.getKey())).await();
      } catch (ReplyException e) {
        if (e.failureCode() == 404) {
          missing.add(room.getKey());
          out.println("rooms: room " + room.getKey() + " of teleconsultation " + room.getValue()
              + " is unknown to Kaleyra (GET answers roomMissing=true)");
        } else {
          unverified++;
          out.println("rooms: room " + room.getKey() + " of teleconsultation " + room.getValue()
              + " could not be verified: " + e.getMessage());
        }
      }
    }
    out.println("rooms: " + (rooms.size() - missing.size() - unverified) + " known to Kaleyra, " + missing.size()
        + " unknown, " + unverified + " not verified");
  }
}
