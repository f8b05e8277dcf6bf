package dev.parley.actors.conversation;

import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.ProjectionSession;
import dev.parley.actors.common.SlicedProjections;
import dev.parley.actors.membership.Membership;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * How the aggregates hear of each other without knowing each other: projections over one aggregate's events, with
 * offsets stored in the database, that ask the other aggregate's entities and move on only once they answered.
 * Delivery is at least once; every command they deliver is applied as a difference.
 */
public final class Conversations {

    private Conversations() {}

    public static void start(ActorSystem<?> system, DataSource dataSource, Duration askTimeout) {
        ClusterSharding sharding = ClusterSharding.get(system);
        SlicedProjections.run(
                system,
                "memberships-follow-collaborations",
                Collaboration.TAG,
                slice -> JdbcProjection.atLeastOnceAsync(
                        ProjectionId.of("memberships-follow-collaborations", slice),
                        SlicedProjections.<Collaboration.Event>events(system, slice),
                        () -> new ProjectionSession(dataSource),
                        () -> new MembershipsFollowCollaborations(sharding, askTimeout),
                        system));
        SlicedProjections.run(
                system,
                "collaborations-hear-of-leaves",
                Membership.TAG,
                slice -> JdbcProjection.atLeastOnceAsync(
                        ProjectionId.of("collaborations-hear-of-leaves", slice),
                        SlicedProjections.<Membership.Event>events(system, slice),
                        () -> new ProjectionSession(dataSource),
                        () -> new CollaborationsHearOfLeaves(sharding, askTimeout),
                        system));
        SlicedProjections.run(
                system,
                "associations-follow-collaborations",
                Collaboration.TAG,
                slice -> JdbcProjection.atLeastOnceAsync(
                        ProjectionId.of("associations-follow-collaborations", slice),
                        SlicedProjections.<Collaboration.Event>events(system, slice),
                        () -> new ProjectionSession(dataSource),
                        () -> new AssociationsFollowCollaborations(sharding, askTimeout),
                        system));
        SlicedProjections.run(
                system,
                "tables-hear-of-disassociations",
                ConfiguredTableAssociation.TAG,
                slice -> JdbcProjection.atLeastOnceAsync(
                        ProjectionId.of("tables-hear-of-disassociations", slice),
                        SlicedProjections.<ConfiguredTableAssociation.Event>events(system, slice),
                        () -> new ProjectionSession(dataSource),
                        () -> new TablesHearOfDisassociations(sharding, askTimeout),
                        system));
    }
}
