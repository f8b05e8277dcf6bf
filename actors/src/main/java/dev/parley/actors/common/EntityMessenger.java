package dev.parley.actors.common;

/**
 * Tells a command to another entity by id. Sharding in production; a probe in entity tests,
 * so an entity's conversation with its neighbours can be checked without a cluster.
 */
@FunctionalInterface
public interface EntityMessenger<C> {
    void tell(String entityId, C command);
}
