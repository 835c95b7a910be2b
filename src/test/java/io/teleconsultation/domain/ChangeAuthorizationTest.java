package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeAuthorizationTest {

  static final ChangeAuthorization STRICT = new ChangeAuthorization(AuthorizationMode.STRICT, List.of("back-office"));
  static final ChangeAuthorization GATEWAY = new ChangeAuthorization(AuthorizationMode.GATEWAY, List.of("back-office"));
  static final Privileges PRIVILEGES = new Privileges(List.of("doctor"), Map.of(), List.of("patient"), Map.of());

  static final CallerIdentity ANONYMOUS = CallerIdentity.anonymous();
  static final CallerIdentity DOCTOR = new CallerIdentity("doctor-1", List.of("doctor"));
  static final CallerIdentity PATIENT = new CallerIdentity("patient-1", List.of("patient"));
  static final CallerIdentity STRANGER = new CallerIdentity("mallory", List.of("doctor"));
  static final CallerIdentity MANAGER = new CallerIdentity("crm", List.of("staff", "back-office"));

  static Teleconsultation teleconsultation() {
    Instant start = Instant.parse("2030-02-22T15:30:00Z");
    return new Teleconsultation("65a1f0c2e4b0a1b2c3d4e5f6", 2, new Schedule(start, start.plusSeconds(3600), null), "room_1",
        List.of(participant("doctor-1", Role.PLUS), participant("patient-1", Role.BASIC)), 0);
  }

  static Participant participant(String userId, Role role) {
    return new Participant(userId, List.of(), userId, null, "tc_" + userId, role, null);
  }

  static DomainException.Kind refusal(Runnable check) {
    try {
      check.run();
      return null;
    } catch (DomainException e) {
      return e.kind();
    }
  }

  @Test
  void strictModeLetsAPlusParticipantOrAManagerChange() {
    Teleconsultation t = teleconsultation();

    assertThatCode(() -> STRICT.checkChange(DOCTOR, t)).doesNotThrowAnyException();
    assertThatCode(() -> STRICT.checkChange(MANAGER, t)).doesNotThrowAnyException();
    assertThatCode(() -> STRICT.checkUploadsDeletion(DOCTOR, t)).doesNotThrowAnyException();
    assertThatCode(() -> STRICT.checkUploadsDeletion(MANAGER, t)).doesNotThrowAnyException();
  }

  @Test
  void strictModeRefusesStrangersAndBasicParticipantsWith403AndNoIdentityWith401() {
    Teleconsultation t = teleconsultation();

    assertThat(refusal(() -> STRICT.checkChange(STRANGER, t))).isEqualTo(DomainException.Kind.FORBIDDEN);
    assertThat(refusal(() -> STRICT.checkChange(PATIENT, t))).isEqualTo(DomainException.Kind.FORBIDDEN);
    assertThat(refusal(() -> STRICT.checkChange(ANONYMOUS, t))).isEqualTo(DomainException.Kind.UNAUTHORIZED);
    assertThat(refusal(() -> STRICT.checkUploadsDeletion(PATIENT, t))).isEqualTo(DomainException.Kind.FORBIDDEN);
    assertThat(refusal(() -> STRICT.checkUploadsDeletion(ANONYMOUS, t))).isEqualTo(DomainException.Kind.UNAUTHORIZED);
  }

  @Test
  void theCallersGroupsDoNotMakeThemAPlusParticipant() {
    CallerIdentity patientClaimingDoctor = new CallerIdentity("patient-1", List.of("doctor"));

    assertThat(refusal(() -> STRICT.checkChange(patientClaimingDoctor, teleconsultation())))
        .as("the stored role counts").isEqualTo(DomainException.Kind.FORBIDDEN);
  }

  @Test
  void aCreationNeedsAManagerOrACallerListedAsPlus() {
    Map<String, Role> roles = Map.of("doctor-1", Role.PLUS, "patient-1", Role.BASIC);

    assertThatCode(() -> STRICT.checkCreation(DOCTOR, roles)).doesNotThrowAnyException();
    assertThatCode(() -> STRICT.checkCreation(MANAGER, roles)).doesNotThrowAnyException();
    assertThat(refusal(() -> STRICT.checkCreation(PATIENT, roles))).isEqualTo(DomainException.Kind.FORBIDDEN);
    assertThat(refusal(() -> STRICT.checkCreation(STRANGER, roles))).isEqualTo(DomainException.Kind.FORBIDDEN);
    assertThat(refusal(() -> STRICT.checkCreation(ANONYMOUS, roles))).isEqualTo(DomainException.Kind.UNAUTHORIZED);
  }

  @Test
  void aRefusalNeverNamesTheManagerGroups() {
    assertThatThrownBy(() -> STRICT.checkChange(STRANGER, teleconsultation())).hasMessageNotContaining("back-office");
    assertThatThrownBy(() -> STRICT.checkCreation(STRANGER, Map.of())).hasMessageNotContaining("back-office");
  }

  @Test
  void gatewayModeChecksNothingButTheOriginalParticipantsOnlyUploadsRule() {
    Teleconsultation t = teleconsultation();

    assertThatCode(() -> GATEWAY.requireIdentity(ANONYMOUS)).doesNotThrowAnyException();
    assertThatCode(() -> GATEWAY.checkChange(ANONYMOUS, t)).doesNotThrowAnyException();
    assertThatCode(() -> GATEWAY.checkCreation(STRANGER, Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> GATEWAY.checkUploadsDeletion(PATIENT, t)).doesNotThrowAnyException();
    assertThat(refusal(() -> GATEWAY.checkUploadsDeletion(STRANGER, t))).isEqualTo(DomainException.Kind.UNAUTHORIZED);
    assertThat(refusal(() -> GATEWAY.checkUploadsDeletion(ANONYMOUS, t))).isEqualTo(DomainException.Kind.UNAUTHORIZED);
  }

  @Test
  void aPlusKaleyraUserComesOnlyFromVouchedGroupsInStrictMode() {
    assertThat(STRICT.accountRole(DOCTOR, "doctor-1", Role.PLUS, PRIVILEGES)).as("the caller's own header").isEqualTo(Role.PLUS);
    assertThat(STRICT.accountRole(PATIENT, "patient-1", Role.PLUS, PRIVILEGES))
        .as("naming yourself doctor in the body").isEqualTo(Role.BASIC);
    assertThat(STRICT.accountRole(DOCTOR, "doctor-2", Role.PLUS, PRIVILEGES))
        .as("someone else named by a non-manager").isEqualTo(Role.BASIC);
    assertThat(STRICT.accountRole(MANAGER, "doctor-2", Role.PLUS, PRIVILEGES)).as("a manager vouches").isEqualTo(Role.PLUS);
    assertThat(STRICT.accountRole(MANAGER, "patient-2", Role.BASIC, PRIVILEGES)).isEqualTo(Role.BASIC);
  }

  @Test
  void theUserDirectoryVouchesForEveryParticipantsGroups() {
    ChangeAuthorization withDirectory = new ChangeAuthorization(AuthorizationMode.STRICT, List.of("back-office"), true);

    assertThat(withDirectory.accountRole(DOCTOR, "doctor-2", Role.PLUS, PRIVILEGES)).isEqualTo(Role.PLUS);
    assertThat(withDirectory.accountRole(DOCTOR, "patient-2", Role.BASIC, PRIVILEGES)).isEqualTo(Role.BASIC);
  }

  @Test
  void gatewayModeLetsTheBodyDecideTheKaleyraRole() {
    assertThat(GATEWAY.accountRole(ANONYMOUS, "mallory", Role.PLUS, PRIVILEGES)).isEqualTo(Role.PLUS);
  }

  @Test
  void theModeIsStrictOrGatewayInAnyCase() {
    assertThat(AuthorizationMode.parse("Gateway")).isEqualTo(AuthorizationMode.GATEWAY);
    assertThat(AuthorizationMode.parse(" strict ")).isEqualTo(AuthorizationMode.STRICT);
    assertThatThrownBy(() -> AuthorizationMode.parse("off")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthorizationMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
