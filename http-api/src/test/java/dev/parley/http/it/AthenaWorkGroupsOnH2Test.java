package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The Athena work-group contract on the embedded default: H2 in file mode under the data directory. */
class AthenaWorkGroupsOnH2Test extends AthenaWorkGroupsContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
