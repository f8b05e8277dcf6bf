package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The Athena session contract on the embedded default: H2 in file mode under the data directory. */
class AthenaSessionsOnH2Test extends AthenaSessionsContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
