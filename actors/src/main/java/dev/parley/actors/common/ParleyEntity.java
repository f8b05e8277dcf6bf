package dev.parley.actors.common;

import java.util.Set;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * What every Parley aggregate shares: persistence id {@code <type>|<id>}, events tagged in read-side slices, a
 * snapshot every 100 events, restart with backoff when the journal fails, and an answer to every command.
 */
public abstract class ParleyEntity<C, E, S> extends EventSourcedBehaviorWithEnforcedReplies<C, E, S> {

    private final String aggregateTag;
    private final String entityId;

    protected ParleyEntity(EntityTypeKey<C> typeKey, String aggregateTag, String entityId) {
        super(PersistenceId.of(typeKey.name(), entityId), JournalFailures.RESTART_WITH_BACKOFF);
        this.aggregateTag = aggregateTag;
        this.entityId = entityId;
    }

    @Override
    public final Set<String> tagsFor(E event) {
        return ReadSideSlices.tagsFor(aggregateTag, entityId);
    }

    @Override
    public final RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    /** Answers {@code command} with {@code rejection} when it expects a reply; a notice, which expects none, is dropped. */
    protected final ReplyEffect<E, S> refuse(C command, Rejection rejection) {
        if (command instanceof ExpectsStatusReply expectsReply) {
            expectsReply.reject(rejection);
        }
        return Effect().noReply();
    }
}
