package io.teleconsultation.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DATA_DIR/uploads}, where a background image waits while it is forwarded to Kaleyra. Each request deletes
 * its own file; the sweeps catch what a crash or a killed process left behind: at start, every file older than this
 * process; then periodically, every file older than the sweep interval (no upload lives that long: the request
 * timeout and the Kaleyra deadline end it sooner).
 */
final class UploadsDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(UploadsDirectory.class);

  private final Vertx vertx;
  private final String path;

  UploadsDirectory(Vertx vertx, String path) {
    this.vertx = vertx;
    this.path = path;
  }

  String path() {
    return path;
  }

  /** A new, unguessable file name in the directory (the client's file name never reaches the disk). */
  String newFile() {
    return path + java.io.File.separator + "upload-" + UUID.randomUUID();
  }

  /** Deletes the files last modified before {@code cutoffMillis}; answers how many were deleted. */
  Future<Integer> sweep(long cutoffMillis) {
    return vertx.fileSystem().mkdirs(path)
        .compose(created -> vertx.fileSystem().readDir(path))
        .compose(files -> {
          List<Future<Boolean>> deletions = new ArrayList<>();
          for (String file : files) {
            deletions.add(vertx.fileSystem().props(file)
                .compose(props -> stale(props, cutoffMillis)
                    ? vertx.fileSystem().delete(file).map(true)
                    : Future.succeededFuture(false))
                .otherwise(false));
          }
          return Future.join(deletions).transform(done -> Future.succeededFuture(
              (int) deletions.stream().filter(f -> Boolean.TRUE.equals(f.result())).count()));
        })
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.warn("Deleted {} upload(s) left behind in {}", deleted, path);
          }
        });
  }

  private static boolean stale(FileProps props, long cutoffMillis) {
    return props.isRegularFile() && props.lastModifiedTime() < cutoffMillis;
  }

  /** Deletes one file if it exists; never fails. */
  Future<Void> delete(String file) {
    return vertx.fileSystem().exists(file)
        .compose(exists -> exists ? vertx.fileSystem().delete(file) : Future.succeededFuture())
        .otherwiseEmpty();
  }
}
