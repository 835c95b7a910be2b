package io.teleconsultation.api;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The groups the upload's pre-body check trusts (ImageUploadReader): the gateway's groups header, or, in the
 * user-directory mode ({@code AUTH_SERVICE}), the directory's groups of the caller, as the use cases take them
 * (README, "The user-directory mode"). A caller the directory does not know is unauthorized.
 */
final class CallerGroups {

  private final BusClient bus;
  private final boolean fromDirectory;

  CallerGroups(BusClient bus, boolean fromDirectory) {
    this.bus = bus;
    this.fromDirectory = fromDirectory;
  }

  /** Fails with the {@link Problem} to answer when the directory does not know the caller or cannot say. */
  Future<List<String>> of(Caller caller) {
    if (!fromDirectory) {
      return Future.succeededFuture(caller.groups());
    }
    return bus.request(Addresses.DIRECTORY_USERS_LOOKUP,
            new JsonObject().put("userIds", new JsonArray().add(caller.userId())))
        .map(reply -> reply.getJsonArray("users").getJsonObject(0).getJsonArray("groups", new JsonArray())
            .stream().map(String::valueOf).toList())
        .recover(err -> Future.failedFuture(problemOf(err)));
  }

  private static ProblemException problemOf(Throwable err) {
    if (err instanceof ReplyException reply) {
      return new ProblemException(BusFailure.statusOf(reply) == BusFailure.BAD_REQUEST
          ? new Problem(401, "Unauthorized user")
          : new Problem(BusFailure.statusOf(reply), BusFailure.messageOf(reply)));
    }
    return new ProblemException(new Problem(502, "The user directory could not be reached"));
  }

  /** A failure that is already the answer. */
  static final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    ProblemException(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }
}
