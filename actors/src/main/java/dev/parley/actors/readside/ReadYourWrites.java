package dev.parley.actors.readside;

import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.ReadSideSlices;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.persistence.ReadSideProgress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Read-your-writes for the List operations: after an account's write was acknowledged, a listing by that account waits
 * (boundedly) until the read side has applied it. For each account it keeps, per slice of the read side, the journal
 * position of that account's last write there, so what it holds is bounded by the accounts and the slices. It knows
 * the writes taken by this node only.
 */
public final class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(20);

    private final ReadSideProgress progress;
    private final Duration maxWait;
    /** account -> read-side projection slice ("name|key") -> journal ordering of the account's last write there. */
    private final Map<String, Map<String, Long>> pending = new ConcurrentHashMap<>();

    public ReadYourWrites(ReadSideProgress progress, Duration maxWait) {
        this.progress = progress;
        this.maxWait = maxWait;
    }

    /** Blocking: call once {@code account}'s write to that collaboration was acknowledged. */
    public void wroteCollaboration(String account, String collaborationId) {
        wrote(account, Collaboration.TAG, Collaboration.ENTITY_TYPE_KEY.name(), collaborationId);
    }

    /** Blocking: call once {@code account}'s write to that membership was acknowledged. */
    public void wroteMembership(String account, String membershipId) {
        wrote(account, Membership.TAG, Membership.ENTITY_TYPE_KEY.name(), membershipId);
    }

    /** Blocking: call once {@code account}'s write to that configured table was acknowledged. */
    public void wroteConfiguredTable(String account, String configuredTableId) {
        wrote(account, ConfiguredTable.TAG, ConfiguredTable.ENTITY_TYPE_KEY.name(), configuredTableId);
    }

    /** Blocking: call once {@code account}'s write to its work group {@code name} was acknowledged. */
    public void wroteWorkGroup(String account, String name) {
        wrote(account, WorkGroup.TAG, WorkGroup.ENTITY_TYPE_KEY.name(), WorkGroup.entityId(account, name));
    }

    /** Blocking: call once {@code account}'s write to that session was acknowledged. */
    public void wroteSession(String account, String sessionId) {
        wrote(account, Session.TAG, Session.ENTITY_TYPE_KEY.name(), sessionId);
    }

    /** Blocking: call once {@code account}'s write to that analysis template was acknowledged. */
    public void wroteAnalysisTemplate(String account, String analysisTemplateId) {
        wrote(account, AnalysisTemplate.TAG, AnalysisTemplate.ENTITY_TYPE_KEY.name(), analysisTemplateId);
    }

    /** Blocking: returns once the read side holds every write of {@code account}, or after the bounded wait. */
    public void awaitWritesOf(String account) throws InterruptedException {
        Map<String, Long> writes = pending.get(account);
        if (writes == null) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (Map.Entry<String, Long> write : Map.copyOf(writes).entrySet()) {
            String[] projection = write.getKey().split("\\|", 2);
            while (progress.projectedUpTo(projection[0], projection[1]) < write.getValue()) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
            writes.remove(write.getKey(), write.getValue());
        }
    }

    private void wrote(String account, String aggregateTag, String entityType, String entityId) {
        String slice = ReadSideSlices.tagsFor(aggregateTag, entityId).iterator().next();
        long ordering =
                progress.lastOrdering(PersistenceId.of(entityType, entityId).id());
        pending.computeIfAbsent(account, key -> new ConcurrentHashMap<>())
                .merge(ReadSide.projectionName(aggregateTag) + "|" + slice, ordering, Math::max);
    }
}
