package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The Athena calculation contract on the embedded default: H2 in file mode under the data directory. */
class AthenaCalculationsOnH2Test extends AthenaCalculationsContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
