package dev.parley.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.actors.Domain;
import dev.parley.actors.catalog.DataCatalog;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.http.athena.Athena;
import dev.parley.http.auth.Accounts;
import dev.parley.http.auth.ServedScope;
import dev.parley.http.auth.SigV4Verifier;
import dev.parley.http.cleanrooms.CleanRooms;
import dev.parley.http.operations.JournalReadiness;
import dev.parley.http.operations.RequestMetrics;
import dev.parley.http.transport.HttpListener;
import dev.parley.http.wire.PaginationTokens;
import dev.parley.http.wire.ServedOperations;
import dev.parley.http.wire.ServedService;
import dev.parley.http.wire.model.ServiceModel;
import dev.parley.persistence.AnalysisTemplateReadModel;
import dev.parley.persistence.CollaborationReadModel;
import dev.parley.persistence.ConfiguredTableReadModel;
import dev.parley.persistence.Database;
import dev.parley.persistence.DatabaseSettings;
import dev.parley.persistence.MembershipReadModel;
import dev.parley.persistence.NotebookPayloads;
import dev.parley.persistence.ReadSideProgress;
import dev.parley.persistence.ServerSecrets;
import dev.parley.persistence.SessionReadModel;
import dev.parley.persistence.WorkGroupReadModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Parley node: database, actor system, domain and HTTP listener, started and stopped together. */
public final class ParleyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    /** What a node needs to start. {@code config} overrides the defaults (reference.conf) key by key. */
    public record Settings(int port, Path dataDir, Accounts accounts, String region, Config config) {}

    private final Database database;
    private final ActorSystem<Void> system;
    private final Tcp.ServerBinding binding;
    private final List<ServedService> services;
    private final Uri management;

    private ParleyServer(
            Database database,
            ActorSystem<Void> system,
            Tcp.ServerBinding binding,
            List<ServedService> services,
            Uri management) {
        this.database = database;
        this.system = system;
        this.binding = binding;
        this.services = services;
        this.management = management;
    }

    public static ParleyServer start(Settings settings) {
        Config config = settings.config().withFallback(ConfigFactory.load());
        DatabaseSettings databaseSettings = databaseSettings(config, settings.dataDir());
        if (databaseSettings.vendor() == DatabaseSettings.Vendor.H2
                && !config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            throw new IllegalStateException("A cluster of several nodes needs PostgreSQL: H2 is embedded in one node's"
                    + " data directory. Set parley.database.url to a jdbc:postgresql: URL, or drop the seed nodes.");
        }
        Database database = Database.open(databaseSettings);
        ActorSystem<Void> system = null;
        try {
            // The user's config wins over the database keys derived here, which win over the defaults.
            Config systemConfig = settings.config()
                    .withFallback(Domain.configFor(databaseSettings))
                    .withFallback(ConfigFactory.load())
                    .resolve();
            system = ActorSystem.create(Behaviors.empty(), "parley", systemConfig);
            Duration askTimeout = systemConfig.getDuration("parley.ask-timeout");
            Domain domain =
                    Domain.start(system, settings.region(), database.dataSource(), settings.dataDir(), askTimeout);
            JournalReadiness.Database.ID.get(system.classicSystem()).started(database.dataSource());
            Uri management = PekkoManagement.get(system.classicSystem())
                    .start()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
            PaginationTokens tokens =
                    new PaginationTokens(new ServerSecrets(database.dataSource()).secret("pagination-token"));
            ReadYourWrites readYourWrites = new ReadYourWrites(
                    new ReadSideProgress(database.dataSource()),
                    systemConfig.getDuration("parley.read-your-writes-timeout"));
            ServedOperations cleanRooms = CleanRooms.operations(
                    domain,
                    new CollaborationReadModel(database.dataSource()),
                    new MembershipReadModel(database.dataSource()),
                    new ConfiguredTableReadModel(database.dataSource()),
                    new AnalysisTemplateReadModel(database.dataSource()),
                    new DataCatalog(settings.dataDir()),
                    tokens,
                    readYourWrites,
                    blocking,
                    askTimeout,
                    settings.region());
            Athena athena = Athena.serve(
                    domain,
                    settings.region(),
                    new WorkGroupReadModel(database.dataSource()),
                    new SessionReadModel(database.dataSource()),
                    new NotebookPayloads(database.dataSource()),
                    new ServerSecrets(database.dataSource()).secret("notebook-url"),
                    settings.dataDir(),
                    tokens,
                    readYourWrites,
                    blocking,
                    askTimeout);
            List<ServedService> services = List.of(
                    new ServedService(ServiceModel.cleanRooms(), cleanRooms),
                    new ServedService(ServiceModel.athena(), athena.operations()));
            Set<String> signingNames = services.stream()
                    .map(service -> service.model().signingName())
                    .collect(Collectors.toSet());
            HttpApi api = new HttpApi(
                    new SigV4Verifier(
                            settings.accounts(), new ServedScope(settings.region(), signingNames), Clock.systemUTC()),
                    services,
                    athena.presignedNotebookUrls(),
                    RequestMetrics.ID.get(system.classicSystem()));
            String httpInterface = systemConfig.getString("parley.http.interface");
            Tcp.ServerBinding binding = HttpListener.bind(system, httpInterface, settings.port(), api.route())
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            // Stopping goes through Pekko's coordinated shutdown, whoever starts it (close(), SIGTERM, a downed node):
            // first no new connections, then the actors, then the database they wrote to.
            CoordinatedShutdown.get(system)
                    .addTask(
                            CoordinatedShutdown.PhaseServiceUnbind(),
                            "http-unbind",
                            () -> binding.unbind().thenApply(unbound -> Done.getInstance()));
            system.getWhenTerminated().thenRun(database::close);
            LOG.info(
                    "Parley is serving on {}:{} for region {} (operations endpoints at {}); database: {} at {}",
                    httpInterface,
                    binding.localAddress().getPort(),
                    settings.region(),
                    management,
                    databaseSettings.vendor(),
                    databaseSettings.location());
            return new ParleyServer(database, system, binding, services, management);
        } catch (Exception e) {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
            database.close();
            throw new IllegalStateException("Parley failed to start: " + e.getMessage(), e);
        }
    }

    /** parley.database.url when set (e.g. PostgreSQL), otherwise H2 in file mode under the data directory. */
    static DatabaseSettings databaseSettings(Config config, Path dataDir) {
        String url = config.getString("parley.database.url");
        Duration connectionTimeout = config.getDuration("parley.database.connection-timeout");
        if (url.isBlank()) {
            return DatabaseSettings.h2File(dataDir.resolve("journal"), connectionTimeout);
        }
        return new DatabaseSettings(
                url,
                config.getString("parley.database.user"),
                config.getString("parley.database.password"),
                config.getInt("parley.database.max-pool-size"),
                connectionTimeout);
    }

    /** The services this node answers for, with the operations it serves of each. */
    /** Where the operations endpoints (health, cluster membership) answer. */
    public Uri managementUri() {
        return management;
    }

    /** The node's actor system, for what embeds a node (tests reach into its actors). */
    public ActorSystem<Void> actorSystem() {
        return system;
    }

    public List<ServedService> services() {
        return services;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** Blocks until the node has stopped, by {@link #close()} or by Pekko's coordinated shutdown (e.g. SIGTERM). */
    public void awaitTermination() {
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Override
    public void close() {
        CoordinatedShutdown.get(system)
                .runAll(CoordinatedShutdown.unknownReason())
                .toCompletableFuture()
                .join();
        awaitTermination();
        database.close();
    }
}
