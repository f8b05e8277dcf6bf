package dev.parley.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool of the read side, with the schema brought up to date before first use. */
public final class Database implements AutoCloseable {

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** Opens the pool and applies every pending migration from the migrations module. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setDriverClassName(settings.driverClassName());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setPoolName("parley-read-side");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(
                            "classpath:db/migration/" + settings.vendor().name().toLowerCase(java.util.Locale.ROOT),
                            "classpath:db/migration/common")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(settings, dataSource);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
