package dev.parley.engine;

/** A bug in the engine (including a native panic); the session remains usable. */
public final class InternalEngineException extends EngineException {

    public InternalEngineException(String message) {
        super(message);
    }
}
