package dev.parley.engine;

/** The query failed while running (bad data, division by zero, unreadable file). */
public final class QueryExecutionException extends EngineException {

    public QueryExecutionException(String message) {
        super(message);
    }
}
