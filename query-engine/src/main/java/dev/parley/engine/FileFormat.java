package dev.parley.engine;

/**
 * The file formats the native library reads and writes, passed to it by constant name
 * ({@code FileFormat::java_name} in {@code native/src/session.rs}).
 */
enum FileFormat {
    PARQUET,
    CSV,
    /** Newline-delimited JSON. */
    JSON
}
