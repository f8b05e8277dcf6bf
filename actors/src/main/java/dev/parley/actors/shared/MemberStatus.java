package dev.parley.actors.shared;

/** A member's standing in a collaboration: INVITED until they create their membership. */
public enum MemberStatus {
    INVITED,
    ACTIVE,
    LEFT,
    REMOVED
}
