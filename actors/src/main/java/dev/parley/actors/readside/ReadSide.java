package dev.parley.actors.readside;

import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.ProjectionSession;
import dev.parley.actors.common.SlicedProjections;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.WorkGroup;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/** Keeps the read tables: an exactly-once projection per slice of each aggregate (rows and offset commit together). */
public final class ReadSide {

    private ReadSide() {}

    public static void start(ActorSystem<?> system, DataSource dataSource) {
        run(system, dataSource, Collaboration.TAG, CollaborationProjection::new);
        run(system, dataSource, Membership.TAG, MembershipProjection::new);
        run(system, dataSource, ConfiguredTable.TAG, ConfiguredTableProjection::new);
        run(system, dataSource, WorkGroup.TAG, WorkGroupProjection::new);
        run(system, dataSource, Session.TAG, SessionProjection::new);
        run(system, dataSource, AnalysisTemplate.TAG, AnalysisTemplateProjection::new);
    }

    private static <E> void run(
            ActorSystem<?> system,
            DataSource dataSource,
            String tag,
            Supplier<JdbcHandler<EventEnvelope<E>, ProjectionSession>> handler) {
        SlicedProjections.run(
                system,
                tag + "-projection",
                tag,
                slice -> JdbcProjection.exactlyOnce(
                        ProjectionId.of(projectionName(tag), slice),
                        SlicedProjections.<E>events(system, slice),
                        () -> new ProjectionSession(dataSource),
                        handler,
                        system));
    }

    /** The projection keeping an aggregate's read tables; its key is the slice. */
    static String projectionName(String aggregateTag) {
        return aggregateTag + "-read-model";
    }
}
