package io.teleconsultation.workflow;

import io.teleconsultation.bus.Addresses;
import io.teleconsultation.bus.BusClient;
import io.teleconsultation.domain.KaleyraUserId;
import io.teleconsultation.domain.Participant;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps external users to Kaleyra users: known ones come from the database; unknown ones are created on Kaleyra
 * (idempotently, thanks to the deterministic id) and then remembered. A basic user who becomes plus is promoted.
 *
 * <p>Two roles per participant: the role in this teleconsultation (its room's admin flag and tools, kept on the
 * participant) and the role of the Kaleyra user, which holds in every room and for good, so it comes only from groups
 * someone vouches for ({@code ChangeAuthorization.accountRole}).
 */
final class KaleyraAccounts {

  private final BusClient bus;

  KaleyraAccounts(BusClient bus) {
    this.bus = bus;
  }

  /**
   * The participants with their Kaleyra user ids (no links yet), in the given order.
   *
   * @param roles each participant's role in this teleconsultation, by external id
   * @param accountRoles the Kaleyra role each participant's user is created with or promoted to, by external id
   */
  Future<List<Participant>> ensure(List<ParticipantSpec> specs, Map<String, Role> roles, Map<String, Role> accountRoles) {
    if (specs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonArray ids = new JsonArray(specs.stream().map(ParticipantSpec::userId).toList());
    return bus.request(Addresses.STORE_USERS_FIND, new JsonObject().put("externalIds", ids))
        .compose(reply -> {
          Map<String, JsonObject> known = new HashMap<>();
          reply.getJsonArray("users").stream().map(JsonObject.class::cast)
              .forEach(user -> known.put(user.getString("externalId"), user));
          List<Future<Participant>> participants = specs.stream()
              .map(spec -> ensureOne(spec, roles.get(spec.userId()), accountRoles.get(spec.userId()),
                  known.get(spec.userId())))
              .toList();
          return Future.all(participants).map(all -> all.<Participant>list());
        });
  }

  private Future<Participant> ensureOne(ParticipantSpec spec, Role role, Role accountRole, JsonObject known) {
    Future<String> kaleyraUserId;
    if (known == null) {
      String id = KaleyraUserId.of(spec.userId());
      kaleyraUserId = bus.request(Addresses.KALEYRA_USER_ENSURE, new JsonObject()
              .put("kaleyraUserId", id).put("role", accountRole.wireName()).put("language", spec.language()))
          .compose(created -> remember(spec.userId(), id, accountRole));
    } else if (accountRole == Role.PLUS && Role.fromWireName(known.getString("role")) == Role.BASIC) {
      String id = known.getString("kaleyraUserId");
      kaleyraUserId = bus.request(Addresses.KALEYRA_USER_PROMOTE,
              new JsonObject().put("kaleyraUserId", id).put("role", Role.PLUS.wireName()))
          .compose(promoted -> remember(spec.userId(), id, Role.PLUS));
    } else {
      kaleyraUserId = Future.succeededFuture(known.getString("kaleyraUserId"));
    }
    return kaleyraUserId.map(id ->
        new Participant(spec.userId(), spec.groups(), spec.fullName(), spec.language(), id, role, null));
  }

  private Future<String> remember(String externalId, String kaleyraUserId, Role role) {
    return bus.request(Addresses.STORE_USERS_SAVE, new JsonObject()
            .put("externalId", externalId).put("kaleyraUserId", kaleyraUserId).put("role", role.wireName()))
        .map(saved -> kaleyraUserId);
  }
}
