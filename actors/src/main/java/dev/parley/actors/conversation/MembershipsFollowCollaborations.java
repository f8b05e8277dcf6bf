package dev.parley.actors.conversation;

import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MembershipStanding;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Delivers what a collaboration recorded to its members' memberships, at least once: a join creates the membership
 * (the route that took the join normally did so already; this is the backstop for a reply lost in a crash), and a
 * rename, a removal or the deletion is reconciled into every joined member's membership. Memberships apply both as
 * differences, so a redelivery changes nothing. What is delivered is the collaboration's current word, asked of it,
 * never a copy of its state kept here.
 */
final class MembershipsFollowCollaborations extends Handler<EventEnvelope<Collaboration.Event>> {

    private final ClusterSharding sharding;
    private final Duration askTimeout;

    MembershipsFollowCollaborations(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<Collaboration.Event> envelope) {
        var collaboration = sharding.entityRefFor(
                Collaboration.ENTITY_TYPE_KEY, PersistenceId.extractEntityId(envelope.persistenceId()));
        Collaboration.Event event = envelope.event();
        if (event instanceof Collaboration.MemberJoined joined) {
            return collaboration
                    .askWithStatus(
                            (ActorRef<StatusReply<JoinedMember>> replyTo) ->
                                    new Collaboration.DescribeJoinedMember(joined.membershipId(), replyTo),
                            askTimeout)
                    .thenCompose(member -> sharding.entityRefFor(Membership.ENTITY_TYPE_KEY, member.membershipId())
                            .askWithStatus(
                                    (ActorRef<StatusReply<Membership.Active>> replyTo) ->
                                            new Membership.Create(member, replyTo),
                                    askTimeout))
                    .thenApply(created -> Done.getInstance());
        }
        if (event instanceof Collaboration.CollaborationUpdated
                || event instanceof Collaboration.MemberRemoved
                || event instanceof Collaboration.CollaborationDeleted) {
            return collaboration
                    .askWithStatus(Collaboration.DescribeMembershipStandings::new, askTimeout)
                    .thenCompose(all -> CompletableFuture.allOf(
                            all.standings().stream().map(this::reconcile).toArray(CompletableFuture[]::new)))
                    .thenApply(reconciled -> Done.getInstance());
        }
        return CompletableFuture.completedFuture(Done.getInstance());
    }

    private CompletableFuture<Done> reconcile(MembershipStanding standing) {
        return sharding.entityRefFor(Membership.ENTITY_TYPE_KEY, standing.membershipId())
                .askWithStatus(
                        (ActorRef<StatusReply<Done>> replyTo) -> new Membership.Reconcile(standing, replyTo),
                        askTimeout)
                .toCompletableFuture();
    }
}
