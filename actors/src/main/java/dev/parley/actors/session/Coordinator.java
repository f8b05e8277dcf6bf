package dev.parley.actors.session;

import dev.parley.actors.catalog.DataCatalog;
import dev.parley.actors.common.CborSerializable;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineException;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.QueryCancelledException;
import dev.parley.engine.QueryResult;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of one live session, on the node of its entity and not persistent: it holds the session's
 * {@link EngineSession} (its budget as {@link SessionLimits}, Spark functions, restricted SQL, so nothing on disk is
 * readable) and runs what its entity sends, one calculation at a time, on the blocking dispatcher. Restricted SQL
 * accepts one query per statement, so {@code CREATE [OR REPLACE] TEMP VIEW name AS query} is done here: the query
 * runs and its rows are registered under the name, visible to later calculations. Files go to
 * {@code <data-dir>/s3/<bucket>/<prefix>/<calculationId>/}.
 */
final class Coordinator {

    sealed interface Message {}

    /** Runs the views of completed calculations again, in order, after the engine state was lost. */
    record Restore(List<String> codeBlocks) implements Message {}

    record Run(String calculationId, String codeBlock, String outputLocation, int dpus) implements Message {}

    record Cancel(String calculationId) implements Message {}

    private record Ran(String calculationId, Outcome outcome) implements Message {}

    private record RestoreEnded(String failure) implements Message {}

    /** How a calculation ended; the {@code s3://} locations of what it wrote, or null. */
    public record Outcome(
            CalculationState state,
            String reason,
            long dpuMillis,
            String progress,
            String resultUri,
            String stdOutUri,
            String stdErrorUri)
            implements CborSerializable {}

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    /** Rows of a result rendered into stdout; the CSV file has them all. */
    static final int STDOUT_ROWS = 1000;

    static Behavior<Message> create(
            EngineBudget budget, Path dataDir, String accountId, ActorRef<Session.Command> entity) {
        return Behaviors.setup(context -> new Coordinator(budget, dataDir, accountId, entity, context).running());
    }

    private final Path dataDir;
    private final DataCatalog catalog;
    private final String accountId;
    /** The catalog tables registered so far, as {@code database.table}. */
    private final Set<String> catalogTables = new HashSet<>();

    private final ActorRef<Session.Command> entity;
    private final ActorContext<Message> context;
    private final Executor blocking;
    private final BufferAllocator allocator = new RootAllocator();
    private final Engine engine = new Engine(allocator);
    private final EngineSession session;
    private final Set<String> views = new HashSet<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private String running;

    private Coordinator(
            EngineBudget budget,
            Path dataDir,
            String accountId,
            ActorRef<Session.Command> entity,
            ActorContext<Message> ctx) {
        this.dataDir = dataDir;
        this.catalog = new DataCatalog(dataDir);
        this.accountId = accountId;
        this.entity = entity;
        this.context = ctx;
        this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        this.session = engine.openSession(
                new SessionLimits(budget.memoryBytes(), budget.targetPartitions(), Duration.ZERO),
                FunctionSet.SPARK,
                SqlAccess.RESTRICTED);
    }

    private Behavior<Message> running() {
        return Behaviors.receive(Message.class)
                .onMessage(Restore.class, this::onRestore)
                .onMessage(Run.class, this::onRun)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(Ran.class, ran -> {
                    running = null;
                    entity.tell(new Session.CalculationRan(ran.calculationId(), ran.outcome()));
                    return Behaviors.same();
                })
                .onMessage(RestoreEnded.class, ended -> {
                    entity.tell(new Session.Restored(ended.failure()));
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, stop -> {
                    session.close();
                    engine.close();
                    allocator.close();
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Message> onRestore(Restore restore) {
        context.pipeToSelf(
                CompletableFuture.supplyAsync(
                        () -> {
                            registerCatalogTables();
                            for (String code : restore.codeBlocks()) {
                                for (String statement :
                                        CodeBlock.statements(code).orElse(List.of())) {
                                    Optional<CodeBlock.TempView> view = CodeBlock.tempView(statement);
                                    if (view.isPresent()) {
                                        makeView(view.get());
                                    }
                                }
                            }
                            return (String) null;
                        },
                        blocking),
                (ok, failure) -> new RestoreEnded(failure == null ? null : String.valueOf(failure.getMessage())));
        return Behaviors.same();
    }

    private Behavior<Message> onRun(Run run) {
        running = run.calculationId();
        cancelled.set(false);
        context.pipeToSelf(
                CompletableFuture.supplyAsync(() -> calculate(run), blocking),
                (outcome, failure) -> new Ran(
                        run.calculationId(),
                        failure == null
                                ? outcome
                                : new Outcome(
                                        CalculationState.FAILED,
                                        String.valueOf(failure.getMessage()),
                                        0,
                                        "",
                                        null,
                                        null,
                                        null)));
        return Behaviors.same();
    }

    private Behavior<Message> onCancel(Cancel cancel) {
        if (cancel.calculationId().equals(running)) {
            cancelled.set(true);
            session.cancel();
        }
        return Behaviors.same();
    }

    /** Runs every statement of the block; the last one's rows are the result. Blocking. */
    private Outcome calculate(Run run) {
        long started = System.nanoTime();
        Output files = new Output(run);
        Optional<List<String>> statements = CodeBlock.statements(run.codeBlock());
        if (statements.isEmpty()) {
            return files.failed(CalculationState.FAILED, CodeBlock.ONLY_SQL, "0 statements run", run, started);
        }
        List<String> all = statements.get();
        registerCatalogTables();
        // Rows shown in stdout (column names first) and how many there were; the CSV file has them all.
        List<List<String>> shown = List.of(List.of());
        long rowCount = 0;
        for (int i = 0; i < all.size(); i++) {
            String progress = i + " of " + all.size() + " statements completed";
            if (cancelled.get()) {
                return files.failed(CalculationState.CANCELED, "Canceled by request", progress, run, started);
            }
            entity.tell(new Session.CalculationProgress(run.calculationId(), progress));
            try {
                Optional<CodeBlock.TempView> view = CodeBlock.tempView(all.get(i));
                if (view.isPresent()) {
                    makeView(view.get());
                    shown = List.of(List.of());
                    rowCount = 0;
                    files.write("result.csv", Rendering.csvLine(List.of()));
                } else {
                    try (QueryResult result = session.sql(all.get(i));
                            Writer csv = files.csv()) {
                        // Rows stream into the file; only those stdout shows stay in memory.
                        VectorSchemaRoot root = result.root();
                        List<String> header = root.getSchema().getFields().stream()
                                .map(Field::getName)
                                .toList();
                        List<List<String>> kept = new ArrayList<>(List.of(header));
                        csv.write(Rendering.csvLine(header));
                        long count = 0;
                        while (result.loadNextBatch()) {
                            for (int row = 0; row < root.getRowCount(); row++) {
                                List<String> values = Rendering.row(root, row);
                                csv.write(Rendering.csvLine(values));
                                if (kept.size() <= STDOUT_ROWS) {
                                    kept.add(values);
                                }
                                count++;
                            }
                        }
                        shown = kept;
                        rowCount = count;
                    }
                }
            } catch (QueryCancelledException e) {
                return files.failed(CalculationState.CANCELED, "Canceled by request", progress, run, started);
            } catch (EngineException | IllegalArgumentException | IOException e) {
                String reason = "Statement " + (i + 1) + " failed: " + e.getMessage();
                return files.failed(CalculationState.FAILED, reason, progress, run, started);
            }
        }
        if (cancelled.get()) {
            return files.failed(
                    CalculationState.CANCELED,
                    "Canceled by request",
                    all.size() + " of " + all.size() + " statements completed",
                    run,
                    started);
        }
        return files.completed(
                shown, rowCount, all.size() + " of " + all.size() + " statements completed", run, started);
    }

    /**
     * Registers the tables of the session's own account catalog as {@code database.table}, those that appeared since
     * the last calculation too. Only that account's folder is read; nothing else on disk is reachable from SQL.
     */
    private void registerCatalogTables() {
        for (DataCatalog.CatalogTable table : catalog.tablesOf(accountId)) {
            String name = table.databaseName() + "." + table.tableName();
            if (catalogTables.contains(name)) {
                continue;
            }
            try {
                if (table.parquet()) {
                    session.registerParquet(name, table.folder());
                } else {
                    session.registerCsv(name, table.folder());
                }
                catalogTables.add(name);
            } catch (EngineException unreadable) {
                // A broken table must not fail calculations that do not read it; it is tried again next time.
                LOG.warn("Catalog table {} of {} cannot be read: {}", name, accountId, unreadable.getMessage());
            }
        }
    }

    private void makeView(CodeBlock.TempView view) {
        if (!view.replace() && views.contains(view.name())) {
            throw new IllegalArgumentException("Temporary view " + view.name() + " already exists");
        }
        try (QueryResult result = session.sql(view.query());
                HeldBatches rows = HeldBatches.of(allocator, result)) {
            session.registerBatches(view.name(), rows);
        }
        views.add(view.name());
    }

    /** Where a calculation's files go, and writing them. */
    private final class Output {

        private final Path folder;
        private final String uri;

        Output(Run run) {
            if (run.outputLocation() == null) {
                folder = null;
                uri = null;
            } else {
                String location = run.outputLocation().substring("s3://".length());
                String base = location.endsWith("/") ? location : location + "/";
                Path s3 = dataDir.resolve("s3").toAbsolutePath().normalize();
                Path target = s3.resolve(base + run.calculationId()).normalize();
                if (!target.startsWith(s3)) {
                    throw new IllegalArgumentException("OutputLocation leaves the data directory");
                }
                folder = target;
                uri = "s3://" + base + run.calculationId() + "/";
            }
        }

        Outcome failed(CalculationState state, String reason, String progress, Run run, long started) {
            delete("result.csv");
            String stdErr = write("stderr.txt", reason + "\n");
            String stdOut = write("stdout.txt", "");
            return new Outcome(state, reason, dpuMillis(run, started), progress, null, stdOut, stdErr);
        }

        Outcome completed(List<List<String>> shown, long rowCount, String progress, Run run, long started) {
            String result = uri == null ? null : uri + "result.csv";
            String stdOut = write("stdout.txt", Rendering.table(shown, rowCount, STDOUT_ROWS));
            String stdErr = write("stderr.txt", "");
            return new Outcome(
                    CalculationState.COMPLETED, null, dpuMillis(run, started), progress, result, stdOut, stdErr);
        }

        /** The result file, replaced; nowhere when the work group has no OutputLocation. */
        Writer csv() throws IOException {
            if (folder == null) {
                return Writer.nullWriter();
            }
            java.nio.file.Files.createDirectories(folder);
            return java.nio.file.Files.newBufferedWriter(folder.resolve("result.csv"), StandardCharsets.UTF_8);
        }

        private void delete(String name) {
            if (folder != null) {
                try {
                    java.nio.file.Files.deleteIfExists(folder.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        String write(String name, String text) {
            if (folder == null) {
                return null;
            }
            try {
                java.nio.file.Files.createDirectories(folder);
                java.nio.file.Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return uri + name;
        }
    }

    /** The session's DPUs are held for as long as the calculation runs. */
    private static long dpuMillis(Run run, long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis() * run.dpus();
    }
}
