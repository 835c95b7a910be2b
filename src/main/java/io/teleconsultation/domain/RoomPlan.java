package io.teleconsultation.domain;

import java.util.List;

/**
 * What a change does to the Kaleyra room. Kaleyra rooms cannot be edited (docs/original-service.md, "Creation and changes"): a change that affects
 * the room needs a new one, and the old one is deleted once nothing points to it any more.
 */
public enum RoomPlan {
  /** No room needed yet, or the existing one still fits. */
  KEEP,
  /** Every participant is now known: create the first room. */
  CREATE,
  /** The room no longer fits: create a new one, switch to it, delete the old one. */
  REPLACE,
  /** Participants are missing again: delete the room, create none. */
  REMOVE;

  /**
   * @param before the stored teleconsultation
   * @param after the participants (with their roles for this teleconsultation) and schedule after the change
   * @param unlimited true when rooms have no duration, so that the schedule does not matter to Kaleyra
   */
  public static RoomPlan of(Teleconsultation before, int afterNumber, List<Participant> after, Schedule afterSchedule,
      boolean unlimited) {
    boolean complete = after.size() == afterNumber;
    boolean hasRoom = before.roomId() != null;
    if (!complete) {
      return hasRoom ? REMOVE : KEEP;
    }
    if (!hasRoom) {
      return CREATE;
    }
    boolean sameMembers = members(before.participants()).equals(members(after));
    boolean sameDuration = unlimited || before.schedule().durationSeconds() == afterSchedule.durationSeconds();
    return sameMembers && sameDuration ? KEEP : REPLACE;
  }

  /** Who is in the room and as what, in any order: names, groups and languages do not reach Kaleyra's room. */
  private static java.util.Map<String, Role> members(List<Participant> participants) {
    return participants.stream().collect(java.util.stream.Collectors.toMap(Participant::userId, Participant::role));
  }
}
