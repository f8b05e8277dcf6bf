package dev.parley.http.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;

/**
 * The readiness check {@code /health/ready} asks of Pekko Management: is the database that holds the journal, the
 * read side and the migrations answering? Management makes checks by reflection from the actor system alone, so the
 * node hands its DataSource over through {@link Database}, an extension of the system.
 */
public final class JournalReadiness implements Supplier<CompletionStage<Boolean>> {

    private final ActorSystem system;

    public JournalReadiness(ActorSystem system) {
        this.system = system;
    }

    @Override
    public CompletionStage<Boolean> get() {
        DataSource dataSource = Database.ID.get(system).dataSource;
        if (dataSource == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return connection.isValid(2);
                    } catch (SQLException unreachable) {
                        return false;
                    }
                },
                system.dispatchers().lookup("pekko.actor.default-blocking-io-dispatcher"));
    }

    /** The node's database, for the check; set once the node has started (after its migrations ran). */
    public static final class Database implements Extension {

        public static final Id ID = new Id();

        private volatile DataSource dataSource;

        public void started(DataSource started) {
            this.dataSource = started;
        }

        public static final class Id extends AbstractExtensionId<Database> implements ExtensionIdProvider {

            @Override
            public Database createExtension(ExtendedActorSystem system) {
                return new Database();
            }

            @Override
            public Id lookup() {
                return ID;
            }
        }
    }
}
