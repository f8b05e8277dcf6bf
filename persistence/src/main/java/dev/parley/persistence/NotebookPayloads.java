package dev.parley.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The text of each version of an Athena notebook, by notebook id and version id. */
public final class NotebookPayloads {

    private final DataSource dataSource;

    public NotebookPayloads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a version; writing the same version again changes nothing. */
    public void write(String notebookId, String version, String payload) {
        if (read(notebookId, version).isPresent()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.update(
                    connection,
                    "INSERT INTO notebook_payload (notebook_id, version, payload) VALUES (?, ?, ?)",
                    notebookId,
                    version,
                    payload);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store notebook " + notebookId, e);
        }
    }

    public Optional<String> read(String notebookId, String version) {
        List<String> found = Jdbc.query(
                dataSource,
                row -> row.getString(1),
                "SELECT payload FROM notebook_payload WHERE notebook_id = ? AND version = ?",
                notebookId,
                version);
        return found.stream().findFirst();
    }

    /** Removes every version but {@code current} (all of them when it is null). */
    public void removeAllBut(String notebookId, String current) {
        try (Connection connection = dataSource.getConnection()) {
            if (current == null) {
                Jdbc.update(connection, "DELETE FROM notebook_payload WHERE notebook_id = ?", notebookId);
            } else {
                Jdbc.update(
                        connection,
                        "DELETE FROM notebook_payload WHERE notebook_id = ? AND version <> ?",
                        notebookId,
                        current);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove versions of notebook " + notebookId, e);
        }
    }
}
