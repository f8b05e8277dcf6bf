package dev.parley.http.it;

import com.typesafe.config.Config;

/** The associations and schemas contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AssociationsOnPostgresTest extends AssociationsContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
