package dev.parley.actors.shared;

import java.util.Map;

/**
 * What a joining member chooses for their membership. {@code paysForQueryCompute} is the
 * member's acceptance of query compute costs, or null when they did not say.
 */
public record MembershipSettings(
        QueryLogStatus queryLogStatus,
        ResultConfiguration defaultResultConfiguration,
        Boolean paysForQueryCompute,
        Map<String, String> tags) {
    public MembershipSettings {
        tags = Map.copyOf(tags);
    }
}
