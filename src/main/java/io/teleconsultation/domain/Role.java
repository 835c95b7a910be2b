package io.teleconsultation.domain;

/** A Kaleyra user role. Plus users can organise a call; a room needs at least one of them. */
public enum Role {
  PLUS("plus"),
  BASIC("basic");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /** The name Kaleyra and our messages use. */
  public String wireName() {
    return wireName;
  }

  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName.equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role: " + name);
  }

  /** "If a user has multiple roles, the higher role will be selected automatically" (docs/original-service.md, "Creation and changes"). */
  public Role higher(Role other) {
    return this == PLUS || other == PLUS ? PLUS : BASIC;
  }
}
