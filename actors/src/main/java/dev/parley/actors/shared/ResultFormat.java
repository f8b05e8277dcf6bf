package dev.parley.actors.shared;

public enum ResultFormat {
    CSV,
    PARQUET
}
