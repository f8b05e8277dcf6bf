package dev.parley.engine;

/** Where in the statement text an error was found; both 1-based. */
public record SqlPosition(long line, long column) {}
