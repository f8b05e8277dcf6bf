package dev.parley.actors.common;

/** Marks every message, event and state that crosses the wire or lands in the journal; bound to Jackson CBOR. */
public interface CborSerializable {}
