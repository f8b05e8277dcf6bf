package dev.parley.http.it;

import com.typesafe.config.Config;

/** The Athena calculation contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AthenaCalculationsOnPostgresTest extends AthenaCalculationsContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
