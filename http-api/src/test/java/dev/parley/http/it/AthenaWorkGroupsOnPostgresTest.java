package dev.parley.http.it;

import com.typesafe.config.Config;

/** The Athena work-group contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AthenaWorkGroupsOnPostgresTest extends AthenaWorkGroupsContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
