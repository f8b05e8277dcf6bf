package dev.parley.actors.shared;

public enum QueryLogStatus {
    ENABLED,
    DISABLED
}
