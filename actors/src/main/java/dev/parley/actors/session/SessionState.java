package dev.parley.actors.session;

/** The model's SessionState. DEGRADED is shown while views are restored; FAILED is not reached. */
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
