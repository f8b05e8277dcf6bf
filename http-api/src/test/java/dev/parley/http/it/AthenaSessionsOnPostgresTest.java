package dev.parley.http.it;

import com.typesafe.config.Config;

/** The Athena session contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AthenaSessionsOnPostgresTest extends AthenaSessionsContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
