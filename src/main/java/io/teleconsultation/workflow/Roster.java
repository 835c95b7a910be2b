package io.teleconsultation.workflow;

import io.teleconsultation.domain.CallerIdentity;
import io.teleconsultation.domain.ChangeAuthorization;
import io.teleconsultation.domain.ParticipantRules;
import io.teleconsultation.domain.ParticipantSpec;
import io.teleconsultation.domain.Privileges;
import io.teleconsultation.domain.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked participant list: the expected number, the known participants, and each one's role. Checking it
 * throws before anything reaches Kaleyra or the database, so a refused request changes nothing.
 */
record Roster(int number, List<ParticipantSpec> specs, Map<String, Role> roles) {

  /** @param failedRequest how the old service named the request in its "no plus user" message */
  static Roster check(int number, List<ParticipantSpec> specs, Privileges privileges, String failedRequest) {
    ParticipantRules.checkList(number, specs);
    Map<String, Role> roles = new LinkedHashMap<>();
    specs.forEach(spec -> roles.put(spec.userId(), privileges.roleOf(spec)));
    if (specs.size() == number) {
      ParticipantRules.requirePlusUser(roles.values(), failedRequest);
    }
    return new Roster(number, specs, roles);
  }

  /** The Kaleyra role of each participant's user, as {@code authorization} lets this caller give it. */
  Map<String, Role> accountRoles(ChangeAuthorization authorization, CallerIdentity caller, Privileges privileges) {
    Map<String, Role> accountRoles = new LinkedHashMap<>();
    roles.forEach((userId, role) -> accountRoles.put(userId, authorization.accountRole(caller, userId, role, privileges)));
    return accountRoles;
  }

  boolean complete() {
    return specs.size() == number;
  }
}
