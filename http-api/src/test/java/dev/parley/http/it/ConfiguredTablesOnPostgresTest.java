package dev.parley.http.it;

import com.typesafe.config.Config;

/** The configured tables contract on PostgreSQL (see {@link TestPostgres} for which server). */
class ConfiguredTablesOnPostgresTest extends ConfiguredTablesContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
