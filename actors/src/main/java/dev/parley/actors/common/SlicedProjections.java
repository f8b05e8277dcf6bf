package dev.parley.actors.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;

/**
 * Runs one projection per slice of an aggregate's events ({@link ReadSideSlices}) as a sharded daemon process: each
 * slice's projection runs on exactly one node, and the slices spread over the cluster.
 */
public final class SlicedProjections {

    private SlicedProjections() {}

    /** Starts {@code projection} for every slice tag of {@code aggregateTag}, under the daemon name {@code name}. */
    public static void run(
            ActorSystem<?> system, String name, String aggregateTag, Function<String, Projection<?>> projection) {
        List<String> slices = ReadSideSlices.allTags(aggregateTag);
        ShardedDaemonProcess.get(system)
                .init(
                        ProjectionBehavior.Command.class,
                        name,
                        slices.size(),
                        index -> ProjectionBehavior.create(projection.apply(slices.get(index))),
                        ShardedDaemonProcessSettings.create(system),
                        Optional.of(ProjectionBehavior.stopMessage()));
    }

    /** The events of one slice, from the journal, in the order they were written. */
    public static <E> SourceProvider<Offset, EventEnvelope<E>> events(ActorSystem<?> system, String sliceTag) {
        return EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), sliceTag);
    }
}
