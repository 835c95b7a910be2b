package io.teleconsultation.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules on the participant list that the JSON schema cannot express. */
public final class ParticipantRules {

  /** Kaleyra rooms hold 2 to 25 participants. */
  public static final int MIN_PARTICIPANTS = 2;
  public static final int MAX_PARTICIPANTS = 25;

  private ParticipantRules() {}

  public static void checkList(int number, List<ParticipantSpec> data) {
    checkIds(number, data.stream().map(ParticipantSpec::userId).toList());
  }

  /** The same rules on the ids alone: checked before the user directory is asked about them. */
  public static void checkIds(int number, List<String> userIds) {
    if (number < MIN_PARTICIPANTS || number > MAX_PARTICIPANTS) {
      throw DomainException.invalid(
          "participants.number must be between 2 and 25, but is " + number);
    }
    if (userIds.size() > number) {
      throw DomainException.invalid(
          "participants.data has " + userIds.size() + " participants, more than participants.number (" + number + ")");
    }
    Set<String> seen = new HashSet<>();
    for (String userId : userIds) {
      if (!seen.add(userId)) {
        throw DomainException.invalid("Duplicate participant userId '" + userId + "'");
      }
    }
  }

  /**
   * Once every participant is known, a room needs a plus user. The message keeps the old service's wording, which
   * names the failed request (e.g. "Failed POST /teleconsultation: no plus user in room").
   */
  public static void requirePlusUser(Collection<Role> roles, String failedRequest) {
    if (!roles.contains(Role.PLUS)) {
      throw DomainException.invalid("Failed " + failedRequest + ": no plus user in room");
    }
  }
}
