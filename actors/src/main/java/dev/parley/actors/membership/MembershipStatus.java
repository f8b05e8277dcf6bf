package dev.parley.actors.membership;

public enum MembershipStatus {
    ACTIVE,
    REMOVED,
    COLLABORATION_DELETED
}
