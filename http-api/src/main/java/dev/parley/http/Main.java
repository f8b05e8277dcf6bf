package dev.parley.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.http.auth.Accounts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley serve}: runs one node until it is stopped. */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        subcommands = Main.Serve.class,
        description = "Parley: an open data clean room speaking the AWS Clean Rooms and Athena wire protocols.")
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service on one node.")
    static final class Serve implements Callable<Integer> {

        @Option(
                names = "--port",
                defaultValue = "8080",
                description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks one)")
        int port;

        @Option(
                names = "--data-dir",
                defaultValue = "./data",
                description = "Data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(
                names = "--accounts",
                description = "Accounts file (JSON); default: the demo accounts, for trying Parley only")
        Path accounts;

        @Option(names = "--config", description = "HOCON file overriding the defaults, e.g. parley.database.url")
        Path config;

        @Option(
                names = "--region",
                defaultValue = "us-east-1",
                description = "Region in ARNs and SigV4 scopes (default: ${DEFAULT-VALUE})")
        String region;

        @Option(
                names = "--management-port",
                description = "Port of the operations endpoints: /health/alive, /health/ready, /cluster/members"
                        + " (default: 8558; 0 picks one)")
        Integer managementPort;

        @Option(
                names = "--cluster-port",
                description = "Port this node's cluster (Pekko remoting) listens on; fixed for a node others join"
                        + " (default: 0, a free port)")
        Integer clusterPort;

        @Option(
                names = "--seed-nodes",
                split = ",",
                description = "host:port of the cluster port of the nodes to join (this node's own one too on the"
                        + " first node); needs PostgreSQL")
        List<String> seedNodes;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dataDir);
            if (config != null && !Files.isReadable(config)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot read --config " + config);
            }
            Config overrides = flags().withFallback(
                            config == null ? ConfigFactory.empty() : ConfigFactory.parseFile(config.toFile()));
            ParleyServer server =
                    ParleyServer.start(new ParleyServer.Settings(port, dataDir, loadAccounts(), region, overrides));
            LOG.info("Data directory: {}", dataDir.toAbsolutePath());
            // Ctrl-C and SIGTERM run Pekko's coordinated shutdown through its own JVM hook.
            server.awaitTermination();
            return 0;
        }

        /** The cluster and management flags as configuration; they win over the --config file. */
        private Config flags() {
            Map<String, Object> flags = new HashMap<>();
            if (managementPort != null) {
                flags.put("pekko.management.http.port", managementPort);
            }
            if (clusterPort != null) {
                flags.put("pekko.remote.artery.canonical.port", clusterPort);
            }
            if (seedNodes != null) {
                flags.put(
                        "pekko.cluster.seed-nodes",
                        seedNodes.stream().map(node -> "pekko://parley@" + node).toList());
            }
            return ConfigFactory.parseMap(flags);
        }

        private Accounts loadAccounts() throws Exception {
            if (accounts != null) {
                return Accounts.load(accounts);
            }
            LOG.warn("No --accounts given: using the DEMO accounts shipped with Parley. Never use them in production.");
            try (InputStream demo = Main.class.getResourceAsStream("/demo-accounts.json")) {
                return Accounts.fromJson(demo);
            }
        }
    }
}
