package dev.parley.engine;

/** The query needed more memory than the session's pool holds. */
public final class ResourcesExhaustedException extends EngineException {

    public ResourcesExhaustedException(String message) {
        super(message);
    }
}
