package io.teleconsultation.domain;

import java.util.List;

/**
 * A participant of a stored teleconsultation: what the client told us, plus the Kaleyra user it maps to, the
 * role it has in this teleconsultation, and its own join link once a room exists (null before).
 */
public record Participant(
    String userId,
    List<String> groups,
    String fullName,
    String language,
    String kaleyraUserId,
    Role role,
    String link) {

  public Participant {
    groups = List.copyOf(groups);
  }

  public Participant withLink(String newLink) {
    return new Participant(userId, groups, fullName, language, kaleyraUserId, role, newLink);
  }
}
