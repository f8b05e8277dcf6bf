package dev.parley.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one engine session.
 *
 * @param memoryBytes size of the session's memory pool; a query needing more fails with
 *     {@link ResourcesExhaustedException} (the engine never spills to disk)
 * @param targetPartitions how many partitions (and so threads) a query plan may fan out to
 * @param timeLimit how long one query may run, from its start to its last batch;
 *     {@link Duration#ZERO} for none
 */
public record SessionLimits(long memoryBytes, int targetPartitions, Duration timeLimit) {

    public SessionLimits {
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes must be positive: " + memoryBytes);
        }
        if (targetPartitions <= 0) {
            throw new IllegalArgumentException("targetPartitions must be positive: " + targetPartitions);
        }
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("timeLimit must not be negative: " + timeLimit);
        }
    }

    /** The given memory pool, one partition per available core, and no time limit. */
    public static SessionLimits ofMemory(long memoryBytes) {
        return new SessionLimits(memoryBytes, Runtime.getRuntime().availableProcessors(), Duration.ZERO);
    }

    public SessionLimits withTimeLimit(Duration limit) {
        return new SessionLimits(memoryBytes, targetPartitions, limit);
    }

    public SessionLimits withTargetPartitions(int partitions) {
        return new SessionLimits(memoryBytes, partitions, timeLimit);
    }
}
