package dev.parley.engine;

import java.util.Optional;

/** Every failure of the engine, typed by what the caller can do about it. */
public abstract sealed class EngineException extends RuntimeException
        permits SqlException,
                QueryNotAllowedException,
                QueryExecutionException,
                ResourcesExhaustedException,
                QueryCancelledException,
                QueryTimeoutException,
                InternalEngineException {

    EngineException(String message) {
        super(message);
    }

    /**
     * Called by the native library to build the exception it throws; the kind codes are those
     * of {@code ErrorKind} in {@code native/src/error.rs}.
     */
    static EngineException fromNative(int kind, String message, long line, long column) {
        return switch (kind) {
            case 1 -> new SqlException(message, line > 0 ? Optional.of(new SqlPosition(line, column)) : Optional.empty());
            case 2 -> new QueryExecutionException(message);
            case 3 -> new ResourcesExhaustedException(message);
            case 4 -> new QueryCancelledException(message);
            case 5 -> new QueryTimeoutException(message);
            case 6 -> new QueryNotAllowedException(message);
            default -> new InternalEngineException(message);
        };
    }
}
