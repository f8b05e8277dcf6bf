package dev.parley.actors.conversation;

import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.membership.Membership;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Tells a collaboration, at least once, that a member left it through their membership; the collaboration marks the
 * member LEFT, and ignores the news when it already knows.
 */
final class CollaborationsHearOfLeaves extends Handler<EventEnvelope<Membership.Event>> {

    private final ClusterSharding sharding;
    private final Duration askTimeout;

    CollaborationsHearOfLeaves(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<Membership.Event> envelope) {
        if (!(envelope.event() instanceof Membership.MemberLeft)) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return sharding.entityRefFor(
                        Membership.ENTITY_TYPE_KEY, PersistenceId.extractEntityId(envelope.persistenceId()))
                .askWithStatus(Membership.Describe::new, askTimeout)
                .thenCompose(membership -> sharding.entityRefFor(
                                Collaboration.ENTITY_TYPE_KEY,
                                membership.details().collaborationId())
                        .askWithStatus(
                                replyTo -> new Collaboration.MemberLeft(
                                        membership.details().accountId(), replyTo),
                                askTimeout));
    }
}
