package dev.parley.engine;

/**
 * Every failure of the engine, typed by what the caller can do about it. The native library
 * throws these by class name ({@code ErrorKind::java_class} in {@code native/src/error.rs}), each
 * through its {@code (String)} constructor, {@link SqlException} through its position one.
 */
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
}
