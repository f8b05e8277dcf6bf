package dev.parley.engine;

/** The query ran past the session's time limit. */
public final class QueryTimeoutException extends EngineException {

    public QueryTimeoutException(String message) {
        super(message);
    }
}
