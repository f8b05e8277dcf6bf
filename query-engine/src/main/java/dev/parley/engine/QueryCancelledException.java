package dev.parley.engine;

/** The query was cancelled through {@link QueryResult#cancel()} or {@link EngineSession#cancel()}. */
public final class QueryCancelledException extends EngineException {

    public QueryCancelledException(String message) {
        super(message);
    }
}
