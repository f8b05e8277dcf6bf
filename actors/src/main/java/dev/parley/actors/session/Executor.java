package dev.parley.actors.session;

import dev.parley.actors.common.CborSerializable;
import java.time.Instant;

/**
 * An executor of a session as ListExecutors reports it. Parley's executor is the session's coordinator (it holds the
 * engine session; the engine's partitions are its threads, not separate executors): one per time the coordinator was
 * started, on the node named, of one DPU. It is REGISTERED while it runs, TERMINATED with its session, and FAILED when
 * the node it ran on stopped or was lost (the session, recovered on a node, starts another).
 */
public record Executor(String executorId, String node, Instant startDateTime, Instant terminationDateTime, State state)
        implements CborSerializable {

    public enum State {
        REGISTERED,
        TERMINATED,
        FAILED
    }

    /** Every executor is the coordinator, of one DPU, as ListApplicationDPUSizes reports for it. */
    public static final long SIZE_DPUS = 1;

    Executor ended(State end, Instant time) {
        return state == State.REGISTERED ? new Executor(executorId, node, startDateTime, time, end) : this;
    }
}
