package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The configured tables contract on the embedded default: H2 in file mode under the data directory. */
class ConfiguredTablesOnH2Test extends ConfiguredTablesContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
