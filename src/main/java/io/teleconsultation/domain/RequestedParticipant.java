package io.teleconsultation.domain;

import java.util.List;

/**
 * A participant as a request names it: always a user id, and either the full description ({@code groups} and
 * {@code fullName}) or, in the user-directory mode, the id alone, the rest coming from the directory.
 *
 * @param groups null when the request gave none
 * @param fullName null when the request gave none
 * @param language null when the request gave none
 */
public record RequestedParticipant(String userId, List<String> groups, String fullName, String language) {

  public RequestedParticipant {
    groups = groups == null ? null : List.copyOf(groups);
  }

  public static RequestedParticipant idOnly(String userId) {
    return new RequestedParticipant(userId, null, null, null);
  }

  /** Whether the request describes the participant fully, as the mode without a user directory needs. */
  public boolean complete() {
    return groups != null && !groups.isEmpty() && fullName != null;
  }

  /** The participant as described by the request itself; only for a {@link #complete()} one. */
  public ParticipantSpec asSpec() {
    if (!complete()) {
      throw new IllegalStateException("Participant '" + userId + "' has no groups or no fullName");
    }
    return new ParticipantSpec(userId, groups, fullName, language);
  }

  /**
   * The participant as the directory describes it: its groups always come from the directory (a client must not be
   * able to make anyone a plus user), its name too, the request's name standing in only when the directory has none.
   *
   * @param directoryName null when the directory has no name for the user
   */
  public ParticipantSpec describedBy(String directoryName, List<String> directoryGroups) {
    String name = directoryName != null ? directoryName : fullName != null ? fullName : userId;
    return new ParticipantSpec(userId, directoryGroups, name, language);
  }
}
