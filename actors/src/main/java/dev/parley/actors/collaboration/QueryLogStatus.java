package dev.parley.actors.collaboration;

public enum QueryLogStatus {
    ENABLED,
    DISABLED
}
