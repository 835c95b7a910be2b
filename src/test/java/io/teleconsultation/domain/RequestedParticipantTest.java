package io.teleconsultation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedParticipantTest {

  @Test
  void onlyAParticipantWithGroupsAndANameIsComplete() {
    assertThat(new RequestedParticipant("u", List.of("doctor"), "Joe", "it").complete()).isTrue();
    assertThat(RequestedParticipant.idOnly("u").complete()).isFalse();
    assertThat(new RequestedParticipant("u", List.of(), "Joe", null).complete()).isFalse();
    assertThat(new RequestedParticipant("u", List.of("doctor"), null, null).complete()).isFalse();
  }

  @Test
  void theDirectoryGivesTheGroupsWhateverTheRequestSaid() {
    RequestedParticipant claimsDoctor = new RequestedParticipant("u", List.of("doctor"), "Dr. Me", "en");

    ParticipantSpec spec = claimsDoctor.describedBy("Pat Real", List.of("patient"));

    assertThat(spec).isEqualTo(new ParticipantSpec("u", List.of("patient"), "Pat Real", "en"));
  }

  @Test
  void withoutANameInTheDirectoryTheRequestsNameThenTheIdStandIn() {
    assertThat(new RequestedParticipant("u", null, "Given Name", null).describedBy(null, List.of("patient")).fullName())
        .isEqualTo("Given Name");
    assertThat(RequestedParticipant.idOnly("u").describedBy(null, List.of("patient")).fullName()).isEqualTo("u");
  }
}
