package dev.parley.engine;

/** How a written result is laid out on disk. */
public enum OutputLayout {
    /** Exactly one file at the target path. */
    SINGLE_FILE,
    /** A directory at the target path with one file per output partition. */
    DIRECTORY
}
