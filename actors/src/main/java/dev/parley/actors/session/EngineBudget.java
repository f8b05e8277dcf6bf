package dev.parley.actors.session;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.Rejection;
import java.util.Map;

/**
 * A session's EngineConfiguration and the engine budget it buys. One DPU is an engine session's 1 GiB memory pool and
 * 4 target partitions; a session gets MaxConcurrentDpus of them (20 when not given, as Athena defaults), at most
 * {@link #MAX_DPUS}. {@code spark.sql.shuffle.partitions} among the SparkProperties sets the target partitions instead;
 * any other property is refused, since nothing would honour it.
 */
public record EngineBudget(
        int coordinatorDpuSize,
        int maxConcurrentDpus,
        int defaultExecutorDpuSize,
        Map<String, String> sparkProperties,
        long memoryBytes,
        int targetPartitions)
        implements CborSerializable {

    public static final long DPU_MEMORY_BYTES = 1L << 30;
    public static final int DPU_PARTITIONS = 4;
    public static final int DEFAULT_DPUS = 20;
    public static final int MAX_DPUS = 64;
    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    /** The budget of an EngineConfiguration; null members take Athena's defaults. */
    public static EngineBudget of(
            Integer coordinatorDpuSize,
            Integer maxConcurrentDpus,
            Integer defaultExecutorDpuSize,
            Map<String, String> sparkProperties) {
        int dpus = maxConcurrentDpus == null ? DEFAULT_DPUS : maxConcurrentDpus;
        if (dpus > MAX_DPUS) {
            throw new Rejection.Invalid("MaxConcurrentDpus " + dpus + " exceeds Parley's limit of " + MAX_DPUS);
        }
        for (String property : sparkProperties.keySet()) {
            if (!property.equals(SHUFFLE_PARTITIONS)) {
                throw new Rejection.Invalid("SparkProperties " + property + " is not supported by Parley; only "
                        + SHUFFLE_PARTITIONS + " is");
            }
        }
        int partitions = dpus * DPU_PARTITIONS;
        String shuffle = sparkProperties.get(SHUFFLE_PARTITIONS);
        if (shuffle != null) {
            try {
                partitions = Integer.parseInt(shuffle);
            } catch (NumberFormatException e) {
                partitions = 0;
            }
            if (partitions < 1 || partitions > dpus * DPU_PARTITIONS) {
                throw new Rejection.Invalid(SHUFFLE_PARTITIONS + " must be a whole number from 1 to "
                        + dpus * DPU_PARTITIONS + " (" + DPU_PARTITIONS + " per DPU)");
            }
        }
        return new EngineBudget(
                coordinatorDpuSize == null ? 1 : coordinatorDpuSize,
                dpus,
                defaultExecutorDpuSize == null ? 1 : defaultExecutorDpuSize,
                Map.copyOf(sparkProperties),
                dpus * DPU_MEMORY_BYTES,
                partitions);
    }
}
