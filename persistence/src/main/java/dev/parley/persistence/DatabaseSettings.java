package dev.parley.persistence;

import java.util.Locale;

/** Where the journal and read models live. The URL alone decides the vendor. */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {

    public enum Vendor { H2, POSTGRESQL }

    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database url is required");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("database max pool size must be at least 1");
        }
    }

    public static DatabaseSettings h2File(java.nio.file.Path journalDir) {
        // The service closes the database itself, after the actors have stopped writing to it.
        String url = "jdbc:h2:file:" + journalDir.toAbsolutePath().resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new DatabaseSettings(url, "sa", "", 8);
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
