package dev.parley.actors.common;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * How every entity meets a journal it cannot write or read: it restarts, recovering from the journal, after a pause
 * that grows while the failures go on, instead of stopping and failing each request that reaches it meanwhile.
 */
public final class JournalFailures {

    public static final BackoffSupervisorStrategy RESTART_WITH_BACKOFF =
            SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

    private JournalFailures() {}
}
