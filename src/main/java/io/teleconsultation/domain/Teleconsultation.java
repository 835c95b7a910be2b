package io.teleconsultation.domain;

import java.util.List;
import java.util.Optional;

/** A stored teleconsultation: its schedule, expected and known participants, and the Kaleyra room once created. */
public record Teleconsultation(
    String id, int participantsNumber, Schedule schedule, String roomId, List<Participant> participants, int version) {

  public Teleconsultation {
    participants = List.copyOf(participants);
  }

  public boolean allParticipantsKnown() {
    return participants.size() == participantsNumber;
  }

  /** The participants as a client described them. */
  public List<ParticipantSpec> specs() {
    return participants.stream()
        .map(p -> new ParticipantSpec(p.userId(), p.groups(), p.fullName(), p.language()))
        .toList();
  }

  public Optional<Participant> participant(String userId) {
    return participants.stream().filter(p -> p.userId().equals(userId)).findFirst();
  }
}
