package dev.parley.actors.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.actors.common.ReadSideSlices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A journal written when each aggregate had a single read-side tag is re-tagged by the migration exactly as the
 * entities now tag (ReadSideSlices), and every slice's projection starts from the single projection's offset.
 */
class ReadSideSlicesMigrationTest {

    @Test
    void olderEventsMoveToTheSliceTheirEntityWritesToAndOffsetsCarryOver() throws SQLException {
        String url = "jdbc:h2:mem:slices-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        flyway(url).target("3").load().migrate();
        Map<Long, String> expected = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (int i = 0; i < 40; i++) {
                String aggregate = i % 2 == 0 ? "collaboration" : "membership";
                String entityId = UUID.randomUUID().toString();
                long ordering =
                        insertEvent(connection, (i % 2 == 0 ? "Collaboration|" : "Membership|") + entityId, aggregate);
                expected.put(
                        ordering,
                        ReadSideSlices.tagsFor(aggregate, entityId).iterator().next());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO \"pekko_projection_offset_store\" VALUES "
                        + "('collaboration-read-model', 'collaboration', '17', 'SEQ', FALSE, 1), "
                        + "('membership-read-model', 'membership', '23', 'SEQ', FALSE, 1)");
            }
        }

        flyway(url).load().migrate();

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            Map<Long, String> tags = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT \"event_id\", \"tag\" FROM \"event_tag\"")) {
                while (rows.next()) {
                    tags.put(rows.getLong(1), rows.getString(2));
                }
            }
            assertEquals(expected, tags);
            Map<String, String> offsets = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT \"projection_key\", \"current_offset\" FROM \"pekko_projection_offset_store\"")) {
                while (rows.next()) {
                    offsets.put(rows.getString(1), rows.getString(2));
                }
            }
            Map<String, String> expectedOffsets = new HashMap<>();
            ReadSideSlices.allTags("collaboration").forEach(slice -> expectedOffsets.put(slice, "17"));
            ReadSideSlices.allTags("membership").forEach(slice -> expectedOffsets.put(slice, "23"));
            assertEquals(expectedOffsets, offsets);
            assertEquals(
                    List.of(4, 4),
                    List.of(
                            ReadSideSlices.allTags("collaboration").size(),
                            ReadSideSlices.allTags("membership").size()));
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/h2", "classpath:db/migration/common");
    }

    private static long insertEvent(Connection connection, String persistenceId, String tag) throws SQLException {
        try (PreparedStatement event = connection.prepareStatement(
                "INSERT INTO \"event_journal\" (\"persistence_id\", "
                        + "\"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", "
                        + "\"event_ser_id\", \"event_ser_manifest\") VALUES (?, 1, 'w', 0, '', X'00', 1, 'm')",
                Statement.RETURN_GENERATED_KEYS)) {
            event.setString(1, persistenceId);
            event.executeUpdate();
            try (ResultSet keys = event.getGeneratedKeys()) {
                keys.next();
                long ordering = keys.getLong(1);
                try (PreparedStatement tagged = connection.prepareStatement(
                        "INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
                    tagged.setLong(1, ordering);
                    tagged.setString(2, tag);
                    tagged.executeUpdate();
                }
                return ordering;
            }
        }
    }
}
