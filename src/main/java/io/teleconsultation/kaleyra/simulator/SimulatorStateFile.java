package io.teleconsultation.kaleyra.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the simulator's state in one JSON file, {@code DATA_DIR/kaleyra-simulator.json}, so that the rooms and
 * users it hands out outlive a restart as the real Kaleyra's do: without it, every teleconsultation stored in the
 * (persistent) database would point to a room the simulator had forgotten.
 *
 * <p>Each change is written in the background, through the Vert.x file system (never blocking the event loop):
 * the whole state goes to a temporary file, which is then moved over the previous one in one atomic rename, so
 * that a crash leaves either the old or the new file, never half of one. Changes made while a write runs are
 * gathered into the next write. {@link #flush()} waits for the last one; the simulator calls it when it stops.
 *
 * <p>Used from the simulator verticle's event loop only.
 */
final class SimulatorStateFile {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorStateFile.class);

  static final String FILE_NAME = "kaleyra-simulator.json";

  private final FileSystem fileSystem;
  private final Clock clock;
  private final String path;
  private final String temporaryPath;
  private Future<Void> writing = Future.succeededFuture();
  private boolean writeQueued;

  SimulatorStateFile(Vertx vertx, String path, Clock clock) {
    this.fileSystem = vertx.fileSystem();
    this.clock = clock;
    this.path = Path.of(path).toAbsolutePath().toString();
    this.temporaryPath = this.path + ".tmp";
  }

  /** The file's place under a data directory. */
  static String under(String dataDir) {
    return Path.of(dataDir, FILE_NAME).toString();
  }

  String path() {
    return path;
  }

  /**
   * Reads the file into {@code state}, then saves every later change of it. No file: the state starts empty. A
   * file that cannot be read back is moved aside (kept for inspection) and the state starts empty, with a warning:
   * a local simulator should start rather than block a developer.
   */
  Future<Void> load(SimulatorState state, Function<String, String> backgroundUrl) {
    return fileSystem.mkdirs(Path.of(path).getParent().toString())
        .compose(created -> fileSystem.exists(path))
        .compose(exists -> exists ? fileSystem.readFile(path).compose(content -> restore(content, state, backgroundUrl))
            : Future.<Void>succeededFuture())
        .onSuccess(loaded -> state.onChange(() -> save(state)));
  }

  private Future<Void> restore(Buffer content, SimulatorState state, Function<String, String> backgroundUrl) {
    try {
      SimulatorStateJson.restore(new JsonObject(content), state, backgroundUrl);
      LOG.info("Kaleyra simulator state read from {}: {} rooms, {} users", path, state.rooms().size(), state.users().size());
      return Future.succeededFuture();
    } catch (RuntimeException unreadable) {
      String aside = path + ".unreadable-" + clock.millis();
      LOG.warn("Kaleyra simulator state in {} cannot be read ({}); moved to {}, starting with an empty simulator",
          path, unreadable.getMessage(), aside);
      return fileSystem.move(path, aside);
    }
  }

  /** Schedules a write of the whole state; a write already queued will carry this change too. */
  private void save(SimulatorState state) {
    if (writeQueued) {
      return;
    }
    writeQueued = true;
    writing = writing.transform(previous -> {
      writeQueued = false;
      // Taken now, on the event loop, so that the bytes written are one consistent state.
      Buffer snapshot = SimulatorStateJson.toJson(state).toBuffer();
      return fileSystem.writeFile(temporaryPath, snapshot)
          .compose(written -> fileSystem.move(temporaryPath, path,
              new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
          .recover(err -> {
            LOG.warn("Kaleyra simulator state could not be saved to {}: {}", path, err.getMessage());
            return Future.succeededFuture();
          });
    });
  }

  /** Completes once every change made so far is on disk (or its write has failed and been logged). */
  Future<Void> flush() {
    return writing;
  }
}
