package io.teleconsultation.domain;

import java.util.List;

/**
 * The groups whose participants always join with the company's default virtual background: the JSON config key
 * {@code groupsWithBackgroundList} (docs/original-service.md, "Joining": "user groups for which a virtual background should be used").
 * For them the join link carries {@code virtual_background=image} as if the request had {@code useBackground=true}.
 */
public record BackgroundGroups(List<String> groups) {

  public BackgroundGroups {
    groups = List.copyOf(groups);
  }

  public static BackgroundGroups none() {
    return new BackgroundGroups(List.of());
  }

  /**
   * @param requested the request's {@code useBackground}
   * @param participantGroups the groups stored for the participant
   */
  public boolean useBackground(boolean requested, List<String> participantGroups) {
    return requested || participantGroups.stream().anyMatch(groups::contains);
  }
}
