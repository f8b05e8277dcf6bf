package dev.parley.http.it;

import com.typesafe.config.Config;

/** The analysis templates contract on PostgreSQL (see {@link TestPostgres} for which server). */
class AnalysisTemplatesOnPostgresTest extends AnalysisTemplatesContract {

    @Override
    Config databaseConfig() {
        return TestPostgres.freshDatabase();
    }
}
