package io.teleconsultation.domain;

import java.util.List;
import java.util.Map;

/**
 * Who may create, change and delete a teleconsultation, and delete its uploads, and which Kaleyra role a participant's
 * user may get from a request (README, "Security"). The gateway knows the route and the caller's groups, never
 * whether the caller belongs to this teleconsultation: that object-level check is made here.
 *
 * <p>In {@link AuthorizationMode#STRICT} mode a change needs an identified caller ({@code 401} otherwise) who is a
 * plus participant of the teleconsultation, or in one of the {@code managerGroups} ({@code 403} otherwise).
 * In {@link AuthorizationMode#GATEWAY} mode nothing is checked, as in the original service, but the
 * uploads' "participants only".
 *
 * @param managerGroups the caller groups (gateway header) that may change every teleconsultation: typically the
 *     back-office service's group
 * @param groupsFromDirectory true in the user-directory mode ({@code AUTH_SERVICE}): every participant's groups then
 *     come from the directory, never from the request, so they decide Kaleyra roles
 */
public record ChangeAuthorization(AuthorizationMode mode, List<String> managerGroups, boolean groupsFromDirectory) {

  /** The old service's wording, which its clients read in {@code error}. */
  public static final String UNAUTHORIZED = "Unauthorized user";

  public ChangeAuthorization {
    managerGroups = List.copyOf(managerGroups);
  }

  /** Without a user directory: participants' groups come from requests. */
  public ChangeAuthorization(AuthorizationMode mode, List<String> managerGroups) {
    this(mode, managerGroups, false);
  }

  public boolean isManager(CallerIdentity caller) {
    return caller.identified() && caller.groups().stream().anyMatch(managerGroups::contains);
  }

  /** The first check of every change, before anything is loaded: strict mode wants an identity. */
  public void requireIdentity(CallerIdentity caller) {
    if (mode == AuthorizationMode.STRICT && !caller.identified()) {
      throw new DomainException(DomainException.Kind.UNAUTHORIZED, UNAUTHORIZED);
    }
  }

  /**
   * A creation: a manager, or a caller whom the teleconsultation being created lists as a plus participant.
   *
   * @param roles each listed participant's role in this teleconsultation, by external user id
   */
  public void checkCreation(CallerIdentity caller, Map<String, Role> roles) {
    if (mode == AuthorizationMode.GATEWAY) {
      return;
    }
    requireIdentity(caller);
    if (!isManager(caller) && roles.get(caller.userId()) != Role.PLUS) {
      throw forbidden("Only a manager, or a plus participant of the teleconsultation, may create it");
    }
  }

  /** PATCH, the participants/data addition and DELETE of a stored teleconsultation. */
  public void checkChange(CallerIdentity caller, Teleconsultation teleconsultation) {
    if (mode == AuthorizationMode.GATEWAY) {
      return;
    }
    requireIdentity(caller);
    if (!isManager(caller) && !isPlusParticipant(caller, teleconsultation)) {
      throw forbidden("Only a plus participant of teleconsultation " + teleconsultation.id()
          + ", or a manager, may change it");
    }
  }

  /** DELETE of the files shared during the call. The original service already wanted a participant. */
  public void checkUploadsDeletion(CallerIdentity caller, Teleconsultation teleconsultation) {
    if (mode == AuthorizationMode.GATEWAY) {
      if (!caller.identified() || teleconsultation.participant(caller.userId()).isEmpty()) {
        throw new DomainException(DomainException.Kind.UNAUTHORIZED, UNAUTHORIZED);
      }
      return;
    }
    requireIdentity(caller);
    if (!isManager(caller) && !isPlusParticipant(caller, teleconsultation)) {
      throw forbidden("Only a plus participant of teleconsultation " + teleconsultation.id()
          + ", or a manager, may delete its uploads");
    }
  }

  /**
   * The Kaleyra role a participant's user is created with, or promoted to, by this request. A plus Kaleyra user is
   * plus in every room and for good, so in strict mode the role comes only from groups someone vouches for: the user
   * directory's, when there is one; else the caller's own groups header when the participant is the caller, or the
   * request's groups when a manager (a trusted back office) sends it. Anybody else named in a request is created
   * basic and never promoted by it; their role in this room (the {@code is_admin} flag and the tools) still follows
   * the request's groups. Gateway mode keeps the original behaviour: the participant's groups decide.
   *
   * @param roomRole the participant's role in this teleconsultation (from the groups of its description)
   */
  public Role accountRole(CallerIdentity caller, String participantUserId, Role roomRole, Privileges privileges) {
    if (mode == AuthorizationMode.GATEWAY || groupsFromDirectory) {
      return roomRole;
    }
    if (caller.isUser(participantUserId)) {
      return privileges.roleOrBasic(caller.groups());
    }
    return isManager(caller) ? roomRole : Role.BASIC;
  }

  private static boolean isPlusParticipant(CallerIdentity caller, Teleconsultation teleconsultation) {
    return teleconsultation.participant(caller.userId()).filter(p -> p.role() == Role.PLUS).isPresent();
  }

  private static DomainException forbidden(String message) {
    return new DomainException(DomainException.Kind.FORBIDDEN, message);
  }
}
