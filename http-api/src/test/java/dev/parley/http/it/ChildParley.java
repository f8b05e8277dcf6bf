package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.parley.http.Main;
import dev.parley.http.auth.Account;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Parley node in a JVM of its own, started with {@code parley serve} exactly as a user starts it, so that it can be
 * killed as a machine or an operator kills it: SIGKILL, with no shutdown hook and no chance to flush anything.
 */
final class ChildParley implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Parley is serving on [^:]+:(\\d+) ");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private ChildParley(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a node on {@code dataDir} with the test accounts and {@code config} and waits until it serves. */
    static ChildParley start(Path dataDir, Config config) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path accounts = dataDir.resolveSibling(dataDir.getFileName() + "-accounts.json");
        Files.writeString(accounts, accountsJson());
        Path configFile = dataDir.resolveSibling(dataDir.getFileName() + ".conf");
        Files.writeString(configFile, config.root().render(ConfigRenderOptions.concise()));
        Path log = Files.createTempFile(dataDir.getParent(), "node-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                testClassPath(),
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--accounts",
                accounts.toString(),
                "--config",
                configFile.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher serving = SERVING.matcher(Files.readString(log));
            if (serving.find()) {
                return new ChildParley(process, log, Integer.parseInt(serving.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("node did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** SIGKILL, as {@code kill -9}: the node gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Surefire hands the forked JVM its class path in a property, keeping java.class.path to its own booter. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String accountsJson() {
        List<String> entries = new ArrayList<>();
        for (Account account : TestAccounts.list()) {
            entries.add("{\"accountId\":\"" + account.accountId() + "\",\"accessKeyId\":\"" + account.accessKeyId()
                    + "\",\"secretAccessKey\":\"" + account.secretAccessKey() + "\"}");
        }
        return "[" + String.join(",", entries) + "]";
    }
}
