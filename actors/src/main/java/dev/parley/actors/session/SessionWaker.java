package dev.parley.actors.session;

import dev.parley.persistence.SessionReadModel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Wakes every live session the read side knows of, at start and then every {@code interval}, so that an idle
 * session's deadline is watched again after a restart (an entity is otherwise only started by a request). Sessions
 * the read side has not caught up with yet are woken on a later round. Waking is idempotent; every node wakes all.
 */
public final class SessionWaker {

    private SessionWaker() {}

    public static void start(ActorSystem<?> system, SessionReadModel sessions, Duration interval) {
        ClusterSharding sharding = ClusterSharding.get(system);
        Cancellable waking = system.scheduler()
                .scheduleWithFixedDelay(
                        Duration.ZERO,
                        interval,
                        () -> sessions.liveSessionIds()
                                .forEach(id -> sharding.entityRefFor(Session.ENTITY_TYPE_KEY, id)
                                        .tell(new Session.Wake())),
                        system.dispatchers().lookup(DispatcherSelector.blocking()));
        // Stop before sharding does, so that no wake is sent to a region that is gone.
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-session-waker", () -> {
            waking.cancel();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }
}
