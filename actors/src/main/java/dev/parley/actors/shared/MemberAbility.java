package dev.parley.actors.shared;

/** What a member may do in a collaboration. */
public enum MemberAbility {
    CAN_QUERY,
    CAN_RECEIVE_RESULTS
}
