package dev.parley.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.http.auth.Accounts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dataDir);
            Config overrides = config == null ? ConfigFactory.empty() : ConfigFactory.parseFile(config.toFile());
            if (config != null && !Files.isReadable(config)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot read --config " + config);
            }
            ParleyServer server =
                    ParleyServer.start(new ParleyServer.Settings(port, dataDir, loadAccounts(), region, overrides));
            LOG.info("Data directory: {}", dataDir.toAbsolutePath());
            // Ctrl-C and SIGTERM run Pekko's coordinated shutdown through its own JVM hook.
            server.awaitTermination();
            return 0;
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
