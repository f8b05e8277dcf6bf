package dev.parley.actors.session;

/** The model's SessionState. DEGRADED and FAILED are not reached while sessions run no calculations. */
public enum SessionState {
    CREATING,
    CREATED,
    IDLE,
    BUSY,
    TERMINATING,
    TERMINATED,
    DEGRADED,
    FAILED;

    public boolean live() {
        return this != TERMINATED && this != FAILED;
    }
}
