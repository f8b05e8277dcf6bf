package dev.parley.persistence;

import java.util.List;
import java.util.Optional;

/** One page of a listing and, when more rows follow, where the next page starts. */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only says that more follow. */
    static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), Optional.empty());
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Optional.of(cursorOf.apply(items.get(limit - 1))));
    }
}
