package dev.parley.actors.membership;

public enum ResultFormat {
    CSV,
    PARQUET
}
