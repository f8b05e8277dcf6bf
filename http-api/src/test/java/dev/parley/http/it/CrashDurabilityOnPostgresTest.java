package dev.parley.http.it;

import com.typesafe.config.Config;

/** SIGKILL under load on PostgreSQL. */
class CrashDurabilityOnPostgresTest extends CrashDurabilityContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
