package dev.parley.actors.shared;

import dev.parley.actors.common.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * What a collaboration says about a member who joined it: everything their membership is created from. The
 * collaboration answers a join with it, and describes a joined member with it to the conversation that makes sure the
 * membership exists.
 *
 * @param settings what the member asked for when joining
 */
public record JoinedMember(
        String membershipId,
        String membershipArn,
        String accountId,
        String collaborationId,
        String collaborationArn,
        String collaborationName,
        String collaborationCreatorAccountId,
        String collaborationCreatorDisplayName,
        List<MemberAbility> memberAbilities,
        boolean paysForQueryCompute,
        MembershipSettings settings,
        Instant joinTime)
        implements CborSerializable {
    public JoinedMember {
        memberAbilities = List.copyOf(memberAbilities);
    }
}
