package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** SIGKILL under load on the embedded default, H2 in file mode. */
class CrashDurabilityOnH2Test extends CrashDurabilityContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
