package dev.parley.engine;

import java.util.Optional;

/**
 * The statement is not valid SQL or cannot be planned: a syntax error, an unknown table or
 * column, a type error, or a statement over the engine's size limits.
 */
public final class SqlException extends EngineException {

    private final Optional<SqlPosition> position;

    public SqlException(String message, Optional<SqlPosition> position) {
        super(message);
        this.position = position;
    }

    /** Where DataFusion located the error, when it did. */
    public Optional<SqlPosition> position() {
        return position;
    }
}
