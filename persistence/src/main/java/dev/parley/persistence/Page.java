package dev.parley.persistence;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing and, when more rows follow, where the next page starts. */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only says that more follow. */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), Optional.empty());
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Optional.of(cursorOf.apply(items.get(limit - 1))));
    }

    /** A page of rows held in memory, in the same keyset order (time, then key) the database listings use. */
    public static <T> Page<T> of(List<T> rows, Optional<Cursor> after, int limit, Function<T, Cursor> cursorOf) {
        Comparator<Cursor> order = Comparator.comparingLong(Cursor::time).thenComparing(Cursor::key);
        return of(
                rows.stream()
                        .filter(row -> after.isEmpty() || order.compare(cursorOf.apply(row), after.get()) > 0)
                        .sorted(Comparator.comparing(cursorOf, order))
                        .limit(limit + 1L)
                        .toList(),
                limit,
                cursorOf);
    }
}
