package dev.parley.actors.common;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Tag arithmetic shared by every taggable aggregate. */
public final class Tags {

    /** AWS's per-resource limit on user tags. */
    public static final int MAX_TAGS_PER_RESOURCE = 50;

    private Tags() {}

    public static Map<String, String> merged(Map<String, String> current, Map<String, String> added) {
        Map<String, String> result = new TreeMap<>(current);
        result.putAll(added);
        return Map.copyOf(result);
    }

    public static Map<String, String> without(Map<String, String> current, Collection<String> keys) {
        Map<String, String> result = new TreeMap<>(current);
        keys.forEach(result::remove);
        return Map.copyOf(result);
    }

    /** Rejects a change that would leave the resource with more tags than AWS allows. */
    public static void checkLimit(Map<String, String> current, Map<String, String> added) {
        int size = merged(current, added).size();
        if (size > MAX_TAGS_PER_RESOURCE) {
            throw new Rejection.Invalid(
                    "A resource can have at most " + MAX_TAGS_PER_RESOURCE + " tags; this request would leave " + size);
        }
    }
}
