package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL the tests run on: by default the local server that {@code bin/parley test} starts (database
 * parley_test, user parley); PARLEY_TEST_POSTGRES_URL/USER/PASSWORD point elsewhere.
 */
final class TestPostgres {

    private static final String SCHEMA_PREFIX = "test_";

    private TestPostgres() {}

    /**
     * Settings for a node on a schema of its own, so that a test's journal holds only its own events and test runs on
     * the same server (several checkouts at once) cannot disturb each other. Schemas older than a day are dropped.
     */
    static Config freshDatabase() {
        return freshSchemaIn(testDatabaseUrl());
    }

    /**
     * Like {@link #freshDatabase()}, but in a database of its own (parley_test_outage, or
     * PARLEY_TEST_POSTGRES_OUTAGE_URL), for the test that takes its database down: every other test, and other test
     * runs on the same server, go on meanwhile.
     */
    static Config freshOutageDatabase() {
        return freshSchemaIn(
                env("PARLEY_TEST_POSTGRES_OUTAGE_URL", testDatabaseUrl().replaceFirst("\\?.*", "") + "_outage"));
    }

    private static String testDatabaseUrl() {
        return env("PARLEY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
    }

    private static Config freshSchemaIn(String server) {
        String user = env("PARLEY_TEST_POSTGRES_USER", "parley");
        String password = env("PARLEY_TEST_POSTGRES_PASSWORD", "parley");
        long now = System.currentTimeMillis();
        String schema = SCHEMA_PREFIX + now + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet schemas = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + SCHEMA_PREFIX + "%'")) {
                while (schemas.next()) {
                    String name = schemas.getString(1);
                    String created = name.substring(SCHEMA_PREFIX.length(), name.lastIndexOf('_'));
                    if (Long.parseLong(created) < now - Duration.ofDays(1).toMillis()) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not reachable at " + server + " as " + user
                            + "; run the tests with bin/parley test, which starts it",
                    e);
        }
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return ConfigFactory.parseMap(
                Map.of("parley.database.url", url, "parley.database.user", user, "parley.database.password", password));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
