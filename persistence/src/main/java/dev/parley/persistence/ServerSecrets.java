package dev.parley.persistence;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;

/** Secrets made once per installation, so every node of a cluster and every restart agree on them. */
public final class ServerSecrets {

    private final DataSource dataSource;

    public ServerSecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The named 256-bit secret, created on first request. Concurrent first requests agree on one value. */
    public byte[] secret(String name) {
        try (Connection connection = dataSource.getConnection()) {
            String existing = read(connection, name);
            if (existing == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO server_secret (name, secret) VALUES (?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, HexFormat.of().formatHex(fresh));
                    insert.executeUpdate();
                } catch (SQLException lostRace) {
                    // Another node inserted first; its value wins.
                }
                existing = read(connection, name);
            }
            return HexFormat.of().parseHex(existing);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read server secret " + name, e);
        }
    }

    private static String read(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT secret FROM server_secret WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
