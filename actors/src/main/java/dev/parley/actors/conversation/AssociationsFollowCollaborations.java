package dev.parley.actors.conversation;

import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.shared.TableAssociation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Delivers a table association the collaboration recorded, at least once: the configured table records it and the
 * association entity is created from it (the route that took the association normally did both; this is the backstop
 * for a reply lost in a crash). An association the collaboration no longer has is left alone; one whose table is gone
 * is taken out of the collaboration again, so a schema never points at a table that does not exist.
 */
final class AssociationsFollowCollaborations extends Handler<EventEnvelope<Collaboration.Event>> {

    private final ClusterSharding sharding;
    private final Duration askTimeout;

    AssociationsFollowCollaborations(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<Collaboration.Event> envelope) {
        if (!(envelope.event() instanceof Collaboration.TableAssociated associated)) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        var collaboration = sharding.entityRefFor(
                Collaboration.ENTITY_TYPE_KEY, PersistenceId.extractEntityId(envelope.persistenceId()));
        return collaboration
                .askWithStatus(
                        (ActorRef<StatusReply<TableAssociation>> replyTo) -> new Collaboration.DescribeAssociation(
                                associated.association().associationId(), replyTo),
                        askTimeout)
                .thenCompose(this::deliver)
                .exceptionally(failure -> {
                    if (rejection(failure) instanceof Rejection.NotFound) {
                        return Done.getInstance();
                    }
                    throw new CompletionException(failure);
                });
    }

    private CompletionStage<Done> deliver(TableAssociation association) {
        return sharding.entityRefFor(ConfiguredTable.ENTITY_TYPE_KEY, association.configuredTableId())
                .askWithStatus(
                        (ActorRef<StatusReply<ConfiguredTable.Active>> replyTo) -> new ConfiguredTable.Associate(
                                association.ownerAccountId(), association.associationId(), replyTo),
                        askTimeout)
                .thenCompose(table -> sharding.entityRefFor(
                                ConfiguredTableAssociation.ENTITY_TYPE_KEY, association.associationId())
                        .askWithStatus(
                                (ActorRef<StatusReply<ConfiguredTableAssociation.Active>> replyTo) ->
                                        new ConfiguredTableAssociation.Create(association, replyTo),
                                askTimeout)
                        .thenApply(created -> Done.getInstance()))
                .exceptionallyCompose(failure -> rejection(failure) instanceof Rejection.NotFound
                        ? sharding.entityRefFor(Collaboration.ENTITY_TYPE_KEY, association.collaborationId())
                                .askWithStatus(
                                        (ActorRef<StatusReply<Done>> replyTo) -> new Collaboration.DisassociateTable(
                                                association.ownerAccountId(), association.associationId(), replyTo),
                                        askTimeout)
                        : CompletableFuture.failedStage(failure));
    }

    private static Throwable rejection(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
