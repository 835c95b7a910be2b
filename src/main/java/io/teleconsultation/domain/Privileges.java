package io.teleconsultation.domain;

import java.util.List;
import java.util.Map;

/**
 * Which groups make a user plus or basic, and which call tools each role gets. Comes from the JSON config named by
 * {@code TELECONSULTATION_SERVICE_CONFIG_PATH} (docs/original-service.md, "Configuration", key {@code privileges}).
 */
public record Privileges(
    List<String> plusGroups, Map<String, Boolean> plusTools, List<String> basicGroups, Map<String, Boolean> basicTools) {

  public Privileges {
    plusGroups = List.copyOf(plusGroups);
    basicGroups = List.copyOf(basicGroups);
    plusTools = Map.copyOf(plusTools);
    basicTools = Map.copyOf(basicTools);
  }

  /**
   * Plus if any group is a plus group, else basic if any is a basic group, else the request is refused. The refusal
   * names the client's groups only: the configured groups are the deployment's business, not the client's.
   */
  public Role roleOf(ParticipantSpec participant) {
    if (participant.groups().stream().anyMatch(plusGroups::contains)) {
      return Role.PLUS;
    }
    if (participant.groups().stream().anyMatch(basicGroups::contains)) {
      return Role.BASIC;
    }
    throw DomainException.invalid(
        "Unknown group " + String.join(",", participant.groups()) + " for participant '" + participant.userId()
            + "': not a group of plus or basic participants");
  }

  /**
   * The role of a user who asks for SDK credentials (POST /credentials, docs/original-service.md): plus if any group is a
   * plus group, else basic. Unlike {@link #roleOf}, unknown or absent groups are not refused: the caller only asks
   * for a token for themselves, and basic is the least a Kaleyra user can be.
   */
  public Role roleOrBasic(List<String> groups) {
    return groups.stream().anyMatch(plusGroups::contains) ? Role.PLUS : Role.BASIC;
  }

  public Map<String, Boolean> toolsOf(Role role) {
    return role == Role.PLUS ? plusTools : basicTools;
  }
}
