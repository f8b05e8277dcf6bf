package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The associations and schemas contract on the embedded H2 journal. */
class AssociationsOnH2Test extends AssociationsContract {

    @Override
    Config databaseConfig() {
        return ConfigFactory.empty();
    }
}
