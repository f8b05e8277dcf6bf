package dev.parley.actors.collaboration;

/** Settings for client-side encryption (Cryptographic Computing for Clean Rooms), as the creator chose them. */
public record DataEncryptionMetadata(
        boolean allowCleartext,
        boolean allowDuplicates,
        boolean allowJoinsOnColumnsWithDifferentNames,
        boolean preserveNulls) {}
