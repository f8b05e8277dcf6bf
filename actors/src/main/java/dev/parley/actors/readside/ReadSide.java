package dev.parley.actors.readside;

import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.membership.Membership;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import java.util.function.Supplier;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/** Runs one projection per aggregate tag, each on exactly one node of the cluster. */
public final class ReadSide {

    private ReadSide() {
    }

    public static void start(ActorSystem<?> system, DataSource dataSource) {
        run(system, dataSource, Collaboration.TAG, CollaborationProjection::new);
        run(system, dataSource, Membership.TAG, MembershipProjection::new);
    }

    private static <E> void run(ActorSystem<?> system, DataSource dataSource, String tag,
                                Supplier<JdbcHandler<EventEnvelope<E>, ReadSideSession>> handler) {
        SourceProvider<Offset, EventEnvelope<E>> events =
                EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
        var projection = JdbcProjection.exactlyOnce(ProjectionId.of(tag + "-read-model", tag), events,
                () -> new ReadSideSession(dataSource), handler, system);
        ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, tag + "-projection", 1,
                index -> ProjectionBehavior.create(projection), ShardedDaemonProcessSettings.create(system),
                Optional.of(ProjectionBehavior.stopMessage()));
    }
}
