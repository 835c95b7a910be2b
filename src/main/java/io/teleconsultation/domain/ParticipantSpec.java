package io.teleconsultation.domain;

import java.util.List;

/** A participant as a client describes it: external id, groups, display name and optional language. */
public record ParticipantSpec(String userId, List<String> groups, String fullName, String language) {
  public ParticipantSpec {
    groups = List.copyOf(groups);
  }
}
