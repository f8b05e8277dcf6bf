package dev.parley.http.it;

import com.typesafe.config.Config;

/** The contract on PostgreSQL (see {@link TestPostgres} for which server). */
class CleanRoomsOnPostgresTest extends CleanRoomsContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
