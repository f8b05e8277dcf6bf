package dev.parley.persistence;

/** A keyset position in a listing: the sort time and the unique key of the last row returned. */
public record Cursor(long time, String key) {}
