package dev.parley.actors.readside;

import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.ReadSideSlices;
import dev.parley.actors.membership.Membership;
import java.util.List;
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
import org.apache.pekko.projection.javadsl.ExactlyOnceProjection;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Runs one projection per slice of each aggregate's events ({@link ReadSideSlices}), each on exactly one node of the
 * cluster, spread over the nodes.
 */
public final class ReadSide {

    private ReadSide() {
    }

    public static void start(ActorSystem<?> system, DataSource dataSource) {
        run(system, dataSource, Collaboration.TAG, CollaborationProjection::new);
        run(system, dataSource, Membership.TAG, MembershipProjection::new);
    }

    private static <E> void run(ActorSystem<?> system, DataSource dataSource, String tag,
                                Supplier<JdbcHandler<EventEnvelope<E>, ReadSideSession>> handler) {
        List<String> slices = ReadSideSlices.allTags(tag);
        ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, tag + "-projection", slices.size(),
                index -> ProjectionBehavior.create(projection(system, dataSource, tag, slices.get(index), handler)),
                ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
    }

    private static <E> ExactlyOnceProjection<Offset, EventEnvelope<E>> projection(
            ActorSystem<?> system, DataSource dataSource, String tag, String slice,
            Supplier<JdbcHandler<EventEnvelope<E>, ReadSideSession>> handler) {
        SourceProvider<Offset, EventEnvelope<E>> events =
                EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), slice);
        return JdbcProjection.exactlyOnce(ProjectionId.of(tag + "-read-model", slice), events,
                () -> new ReadSideSession(dataSource), handler, system);
    }
}
