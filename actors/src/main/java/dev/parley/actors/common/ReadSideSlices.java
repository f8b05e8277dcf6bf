package dev.parley.actors.common;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Each aggregate's events are tagged in slices, so that its read side runs as several projections spread over the
 * cluster. The slice is the code of the last character of the entity id modulo {@link #SLICES}: simple enough that
 * the migration re-tagging older events computes the same in SQL (V4__read_side_slices.sql). Changing the count
 * means re-tagging the journal again.
 */
public final class ReadSideSlices {

    public static final int SLICES = 4;

    private ReadSideSlices() {}

    /** The one tag an event of entity {@code entityId} of aggregate {@code aggregateTag} is written with. */
    public static Set<String> tagsFor(String aggregateTag, String entityId) {
        return Set.of(aggregateTag + "-" + entityId.charAt(entityId.length() - 1) % SLICES);
    }

    /** Every slice tag of an aggregate, one projection each. */
    public static List<String> allTags(String aggregateTag) {
        return IntStream.range(0, SLICES)
                .mapToObj(slice -> aggregateTag + "-" + slice)
                .toList();
    }
}
