package dev.parley.actors.session;

/** The model's CalculationExecutionState. CREATING and CREATED pass within StartCalculationExecution. */
public enum CalculationState {
    CREATING,
    CREATED,
    QUEUED,
    RUNNING,
    CANCELING,
    CANCELED,
    COMPLETED,
    FAILED;

    public boolean finished() {
        return this == CANCELED || this == COMPLETED || this == FAILED;
    }
}
