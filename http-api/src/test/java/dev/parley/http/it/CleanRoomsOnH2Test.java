package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The contract on the embedded default: H2 in file mode under the data directory. */
class CleanRoomsOnH2Test extends CleanRoomsContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
