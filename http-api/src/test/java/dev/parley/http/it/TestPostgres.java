package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL the tests run on: by default the local server that {@code bin/parley test} starts (database
 * parley_test, user parley); PARLEY_TEST_POSTGRES_URL/USER/PASSWORD point elsewhere.
 */
final class TestPostgres {

    private TestPostgres() {}

    /** Settings for a node on an empty schema, so that a test's journal holds only its own events. */
    static Config freshDatabase() {
        String url = env("PARLEY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
        String user = env("PARLEY_TEST_POSTGRES_USER", "parley");
        String password = env("PARLEY_TEST_POSTGRES_PASSWORD", "parley");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not reachable at " + url + " as " + user
                            + "; run the tests with bin/parley test, which starts it",
                    e);
        }
        return ConfigFactory.parseMap(
                Map.of("parley.database.url", url, "parley.database.user", user, "parley.database.password", password));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
