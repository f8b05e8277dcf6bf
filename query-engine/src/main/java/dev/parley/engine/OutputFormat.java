package dev.parley.engine;

/** File formats a result can be written in. */
public enum OutputFormat {
    CSV,
    PARQUET
}
