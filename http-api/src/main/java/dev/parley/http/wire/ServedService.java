package dev.parley.http.wire;

import dev.parley.http.wire.model.ServiceModel;

/** A service this port answers for: its model (the wire) and the operations of it that Parley serves. */
public record ServedService(ServiceModel model, ServedOperations operations) {}
