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
 * Tells the collaboration and the configured table, at least once, that an association was deleted: the collaboration
 * lets its name go and the table may be deleted again. Both ignore news they already have, and one that is gone by
 * now (deleted after the route told it) has nothing left to hear.
 */
final class TablesHearOfDisassociations extends Handler<EventEnvelope<ConfiguredTableAssociation.Event>> {

    private final ClusterSharding sharding;
    private final Duration askTimeout;

    TablesHearOfDisassociations(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<ConfiguredTableAssociation.Event> envelope) {
        if (!(envelope.event() instanceof ConfiguredTableAssociation.AssociationDeleted)) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return sharding.entityRefFor(
                        ConfiguredTableAssociation.ENTITY_TYPE_KEY,
                        PersistenceId.extractEntityId(envelope.persistenceId()))
                .askWithStatus(ConfiguredTableAssociation.Describe::new, askTimeout)
                .thenCompose(this::tell);
    }

    private CompletionStage<Done> tell(TableAssociation association) {
        return goneIsDone(sharding.entityRefFor(Collaboration.ENTITY_TYPE_KEY, association.collaborationId())
                        .askWithStatus(
                                (ActorRef<StatusReply<Done>> replyTo) -> new Collaboration.DisassociateTable(
                                        association.ownerAccountId(), association.associationId(), replyTo),
                                askTimeout))
                .thenCompose(done -> goneIsDone(
                        sharding.entityRefFor(ConfiguredTable.ENTITY_TYPE_KEY, association.configuredTableId())
                                .askWithStatus(
                                        (ActorRef<StatusReply<Done>> replyTo) ->
                                                new ConfiguredTable.Disassociate(association.associationId(), replyTo),
                                        askTimeout)));
    }

    private static CompletionStage<Done> goneIsDone(CompletionStage<Done> told) {
        return told.exceptionally(failure -> {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection.NotFound) {
                return Done.getInstance();
            }
            throw new CompletionException(failure);
        });
    }
}
