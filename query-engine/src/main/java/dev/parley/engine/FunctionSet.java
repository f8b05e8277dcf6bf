package dev.parley.engine;

/** Which SQL functions a session offers. */
public enum FunctionSet {
    /** DataFusion's built-in functions. */
    DEFAULT,
    /** DataFusion's functions overlaid with Spark-compatible ones (the SPARK analytics engine). */
    SPARK
}
