package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The analysis templates contract on the embedded H2 journal. */
class AnalysisTemplatesOnH2Test extends AnalysisTemplatesContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
