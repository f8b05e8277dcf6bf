package dev.parley.actors.shared;

import dev.parley.actors.common.CborSerializable;
import java.util.List;

/**
 * What a collaboration now says about one of its joined members, for that member's membership to reconcile with:
 * repeated freely, it is applied as a difference.
 */
public record MembershipStanding(
        String membershipId, String collaborationName, MemberStatus memberStatus, boolean collaborationDeleted)
        implements CborSerializable {

    /** Every joined member's standing in one collaboration. */
    public record All(List<MembershipStanding> standings) implements CborSerializable {
        public All {
            standings = List.copyOf(standings);
        }
    }
}
