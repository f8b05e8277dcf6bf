package dev.parley.actors.catalog;

import dev.parley.actors.common.CborSerializable;

/** One column of a catalog table: its name and its type in Glue's words (string, bigint, double, ...). */
public record Column(String name, String type) implements CborSerializable {}
