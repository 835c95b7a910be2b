package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.bus.BusFailure;
import io.teleconsultation.domain.DomainException;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.Role;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * POST /credentials (docs/original-service.md, "SDK credentials"): an access token of the Kaleyra SDKs for the caller's own Kaleyra user, which
 * is created first if the caller has none. The token is a secret: it goes back to the caller and nowhere else.
 */
final class SdkCredentials {

  /** The old service's default when the body names no {@code expiresIn} (docs/original-service.md, "SDK credentials"). */
  static final int DEFAULT_EXPIRES_IN_SECONDS = 3600;

  private final BusClient bus;
  private final Privileges privileges;
  private final KaleyraAccounts accounts;
  private final ParticipantDirectory directory;

  SdkCredentials(BusClient bus, Privileges privileges, KaleyraAccounts accounts, ParticipantDirectory directory) {
    this.directory = directory;
    this.bus = bus;
    this.privileges = privileges;
    this.accounts = accounts;
  }

  /** @param request {@code {callerId, groups, expiresIn}}; callerId and expiresIn may be null */
  Future<JsonObject> create(JsonObject request) {
    String callerId = request.getString("callerId");
    if (callerId == null) {
      throw new DomainException(DomainException.Kind.UNAUTHORIZED, TeleconsultationJoin.UNAUTHORIZED);
    }
    List<String> headerGroups = request.getJsonArray("groups", new JsonArray()).stream().map(String::valueOf).toList();
    Integer expiresIn = request.getInteger("expiresIn");
    // In the user-directory mode the caller's groups come from the directory, not from the gateway's header.
    return directory.groupsOfCaller(callerId, headerGroups).compose(groups -> create(callerId, groups, expiresIn));
  }

  private Future<JsonObject> create(String callerId, List<String> groups, Integer expiresIn) {
    Role role = privileges.roleOrBasic(groups);
    ParticipantSpec caller = new ParticipantSpec(callerId, groups, null, null);
    // The groups header is the gateway's word on the caller: it may decide the caller's own Kaleyra role.
    return accounts.ensure(List.of(caller), Map.of(callerId, role), Map.of(callerId, role))
        .map(participants -> participants.get(0))
        .compose(participant -> bus.request(Addresses.KALEYRA_CREDENTIALS_CREATE, new JsonObject()
                .put("kaleyraUserId", participant.kaleyraUserId())
                .put("expiresIn", expiresIn == null ? DEFAULT_EXPIRES_IN_SECONDS : expiresIn))
            .recover(err -> Future.failedFuture(unknownToKaleyra(err, participant))))
        .map(credentials -> new JsonObject()
            .put("accessToken", credentials.getString("accessToken"))
            .put("expiresAt", credentials.getString("expiresAt"))
            .put("bandyerUserId", credentials.getString("kaleyraUserId")));
  }

  /**
   * Kaleyra's 404 means it does not know a user we remember as created: our records and Kaleyra disagree, which
   * the caller cannot fix, so it is Kaleyra's (502), not a missing resource of theirs.
   */
  private static Throwable unknownToKaleyra(Throwable err, Participant participant) {
    if (err instanceof ReplyException reply && reply.failureCode() == BusFailure.NOT_FOUND) {
      return BusFailure.of(BusFailure.BAD_GATEWAY,
          "Kaleyra does not know the Kaleyra user " + participant.kaleyraUserId() + " of this caller");
    }
    return err;
  }
}
