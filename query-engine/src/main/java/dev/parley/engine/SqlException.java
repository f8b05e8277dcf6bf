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

    /** Called by the native library; a line of 0 means DataFusion gave no position. */
    SqlException(String message, long line, long column) {
        this(message, line > 0 ? Optional.of(new SqlPosition(line, column)) : Optional.empty());
    }

    /** Where DataFusion located the error, when it did. */
    public Optional<SqlPosition> position() {
        return position;
    }
}
