package dev.parley.actors.collaboration;

import dev.parley.actors.shared.MemberAbility;
import java.util.List;

/**
 * A member the creator invites. {@code paysForQueryCompute} is the creator's explicit choice,
 * or null when the creator left it to the default-payer rule.
 */
public record MemberSpecification(
        String accountId, String displayName, List<MemberAbility> abilities, Boolean paysForQueryCompute) {
    public MemberSpecification {
        abilities = List.copyOf(abilities);
    }
}
