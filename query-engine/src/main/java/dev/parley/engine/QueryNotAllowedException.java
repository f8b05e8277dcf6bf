package dev.parley.engine;

/** The statement is valid but not allowed in a restricted session. */
public final class QueryNotAllowedException extends EngineException {

    public QueryNotAllowedException(String message) {
        super(message);
    }
}
