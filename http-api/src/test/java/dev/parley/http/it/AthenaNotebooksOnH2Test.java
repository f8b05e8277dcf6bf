package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The Athena notebook contract on the embedded default: H2 in file mode under the data directory. */
class AthenaNotebooksOnH2Test extends AthenaNotebooksContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
