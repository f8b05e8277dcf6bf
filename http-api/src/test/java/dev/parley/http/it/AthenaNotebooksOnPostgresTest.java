package dev.parley.http.it;

import com.typesafe.config.Config;

/** The Athena notebook contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AthenaNotebooksOnPostgresTest extends AthenaNotebooksContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
