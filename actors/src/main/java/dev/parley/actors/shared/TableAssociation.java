package dev.parley.actors.shared;

import dev.parley.actors.common.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * A configured table associated with a collaboration through its owner's membership, as the collaboration records it:
 * the schema's name there, and everything the association is created from. The collaboration answers an association
 * with it, and describes it to the conversation that makes sure the association exists.
 */
public record TableAssociation(
        String associationId,
        String associationArn,
        String name,
        String description,
        String roleArn,
        String ownerAccountId,
        String membershipId,
        String membershipArn,
        String collaborationId,
        String collaborationArn,
        String configuredTableId,
        String configuredTableArn,
        Map<String, String> tags,
        Instant createTime)
        implements CborSerializable {
    public TableAssociation {
        tags = Map.copyOf(tags);
    }
}
