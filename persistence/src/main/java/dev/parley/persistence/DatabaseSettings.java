package dev.parley.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the journal and read models live. The URL alone decides the vendor.
 *
 * @param connectionTimeout how long a caller waits for a pooled connection before the database counts as unavailable;
 *                          kept below the HTTP request timeout so that an outage is answered, not waited out
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {

    public enum Vendor {
        H2,
        POSTGRESQL
    }

    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database url is required");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("database max pool size must be at least 1");
        }
        if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new IllegalArgumentException("database connection timeout must be at least 250 ms");
        }
    }

    /**
     * H2 in file mode. WRITE_DELAY=0 makes every commit reach the file before the commit returns: with H2's default
     * (500 ms) a process killed after answering could lose the last half second of acknowledged writes.
     */
    public static DatabaseSettings h2File(Path journalDir, Duration connectionTimeout) {
        // The service closes the database itself, after the actors have stopped writing to it.
        String url = "jdbc:h2:file:" + journalDir.toAbsolutePath().resolve("parley")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return new DatabaseSettings(url, "sa", "", 8, connectionTimeout);
    }

    /** Where the data is, for the operator: the URL without its parameters, which may carry credentials. */
    public String location() {
        int parameters = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    public Vendor vendor() {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Vendor.H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database url (use jdbc:h2: or jdbc:postgresql:): " + url);
    }

    public String driverClassName() {
        return switch (vendor()) {
            case H2 -> "org.h2.Driver";
            case POSTGRESQL -> "org.postgresql.Driver";
        };
    }
}
