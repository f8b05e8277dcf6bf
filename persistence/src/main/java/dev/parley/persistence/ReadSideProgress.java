package dev.parley.persistence;

import java.util.List;
import javax.sql.DataSource;

/** How far the journal and the read side's projections have got, in the journal's global ordering. */
public final class ReadSideProgress {

    private final DataSource dataSource;

    public ReadSideProgress(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The ordering of the last event written by {@code persistenceId}; 0 when it wrote none. */
    public long lastOrdering(String persistenceId) {
        List<Long> orderings = Jdbc.query(
                dataSource,
                row -> row.getLong(1),
                "SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\" WHERE \"persistence_id\" = ?",
                persistenceId);
        return orderings.get(0);
    }

    /** The ordering up to which projection {@code name}/{@code key} has applied its events; -1 before it started. */
    public long projectedUpTo(String name, String key) {
        List<String> offsets = Jdbc.query(
                dataSource,
                row -> row.getString(1),
                "SELECT \"current_offset\" FROM \"pekko_projection_offset_store\" "
                        + "WHERE \"projection_name\" = ? AND \"projection_key\" = ?",
                name,
                key);
        return offsets.isEmpty() ? -1 : Long.parseLong(offsets.get(0));
    }
}
