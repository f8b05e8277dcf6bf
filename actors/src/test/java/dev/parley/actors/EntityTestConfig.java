package dev.parley.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** An in-memory journal, a local provider, and Parley's serialization bindings, which the test kit verifies. */
public final class EntityTestConfig {

    private EntityTestConfig() {}

    public static Config config() {
        return EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(ConfigFactory.load());
    }
}
