package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.OutputLayout;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AggregateFunctionName;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisMethod;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleAggregation;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTable;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicy;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableSummary;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableRequest;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ScalarFunctions;
import software.amazon.awssdk.services.cleanrooms.model.TableReference;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * Configured tables and their analysis rules through the real AWS SDK client against a started node, over Parquet and
 * CSV files the test puts into the node's data catalog. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConfiguredTablesContract {

    Path dataDir;
    RunningParley parley;
    CleanRoomsClient owner;
    CleanRoomsClient other;

    abstract Config databaseConfig();

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("parley-tables");
        Path orders = Files.createDirectories(catalog(CREATOR.accountId(), "sales", "orders"));
        writeParquet(orders.resolve("part-1.parquet"), "SELECT 'a@x' AS email, 'oslo' AS city, 2.5 AS amount");
        writeParquet(orders.resolve("part-2.parquet"), "SELECT 'b@x' AS email, 'rome' AS city, 3.5 AS amount");
        Path customers = Files.createDirectories(catalog(CREATOR.accountId(), "crm", "customers"));
        Files.writeString(customers.resolve("customers.csv"), "email,segment\na@x,gold\n");
        Path mixed = Files.createDirectories(catalog(CREATOR.accountId(), "sales", "mixed"));
        writeParquet(mixed.resolve("a.parquet"), "SELECT 'a' AS email");
        writeParquet(mixed.resolve("b.parquet"), "SELECT 1 AS email");
        Files.createDirectories(catalog(CREATOR.accountId(), "sales", "empty"));
        parley = new RunningParley(dataDir, databaseConfig());
        connect();
    }

    private void connect() {
        owner = parley.cleanRooms(CREATOR);
        other = parley.cleanRooms(MEMBER_B);
    }

    @AfterAll
    void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    Path catalog(String account, String database, String table) {
        return dataDir.resolve("catalog").resolve(account).resolve(database).resolve(table);
    }

    static void writeParquet(Path file, String sql) {
        try (Engine engine = new Engine();
                EngineSession session =
                        engine.openSession(SessionLimits.ofMemory(64L << 20), FunctionSet.DEFAULT, SqlAccess.FULL)) {
            session.writeParquet(sql, file, OutputLayout.SINGLE_FILE);
        }
    }

    static CreateConfiguredTableRequest table(
            String database, String table, Consumer<CreateConfiguredTableRequest.Builder> changes) {
        CreateConfiguredTableRequest.Builder builder = CreateConfiguredTableRequest.builder()
                .name(table)
                .description("the " + table)
                .tableReference(TableReference.fromGlue(
                        glue -> glue.databaseName(database).tableName(table)))
                .allowedColumns("email", "city", "amount")
                .analysisMethod(AnalysisMethod.DIRECT_QUERY)
                .tags(Map.of("team", "growth"));
        changes.accept(builder);
        return builder.build();
    }

    static ConfiguredTableAnalysisRulePolicy aggregation(Consumer<AnalysisRuleAggregation.Builder> changes) {
        AnalysisRuleAggregation.Builder rule = AnalysisRuleAggregation.builder()
                .aggregateColumns(a -> a.columnNames("amount").function(AggregateFunctionName.SUM))
                .joinColumns("email")
                .dimensionColumns("city")
                .scalarFunctions(ScalarFunctions.LOWER)
                .outputConstraints(c -> c.columnName("email").minimum(2).type("COUNT_DISTINCT"));
        changes.accept(rule);
        return ConfiguredTableAnalysisRulePolicy.fromV1(
                ConfiguredTableAnalysisRulePolicyV1.fromAggregation(rule.build()));
    }

    static ConfiguredTableAnalysisRulePolicy list(String... listColumns) {
        return ConfiguredTableAnalysisRulePolicy.fromV1(ConfiguredTableAnalysisRulePolicyV1.fromList(
                list -> list.joinColumns("email").listColumns(listColumns)));
    }

    ConfiguredTable getTable(String id) {
        return owner.getConfiguredTable(r -> r.configuredTableIdentifier(id)).configuredTable();
    }

    /** The call is refused with {@code type}, and the table is as it was. */
    <T extends Throwable> T refusedUnchanged(Class<T> type, String id, Executable call) {
        ConfiguredTable before = getTable(id);
        T refused = assertThrows(type, call);
        assertEquals(before, getTable(id));
        return refused;
    }

    @Test
    void createsReadsUpdatesAndDeletesTablesOverParquetAndCsv() {
        ConfiguredTable orders =
                owner.createConfiguredTable(table("sales", "orders", b -> {})).configuredTable();
        assertEquals(
                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":configuredtable/" + orders.id(),
                orders.arn());
        assertEquals(List.of("email", "city", "amount"), orders.allowedColumns());
        assertEquals("sales", orders.tableReference().glue().databaseName());
        assertEquals(List.of(), orders.analysisRuleTypes());
        ConfiguredTable customers = owner.createConfiguredTable(
                        table("crm", "customers", b -> b.allowedColumns("email", "segment")))
                .configuredTable();
        assertEquals(orders, getTable(orders.id()));

        List<String> listed =
                owner.listConfiguredTablesPaginator(r -> r.maxResults(1)).configuredTableSummaries().stream()
                        .map(ConfiguredTableSummary::id)
                        .toList();
        assertTrue(listed.containsAll(List.of(orders.id(), customers.id())), listed.toString());
        assertTrue(
                other.listConfiguredTables(r -> {}).configuredTableSummaries().isEmpty());

        ConfiguredTable renamed = owner.updateConfiguredTable(r -> r.configuredTableIdentifier(customers.id())
                        .name("customers v2")
                        .allowedColumns("email"))
                .configuredTable();
        assertEquals("customers v2", renamed.name());
        assertEquals(List.of("email"), renamed.allowedColumns());
        assertEquals("the customers", renamed.description());

        owner.deleteConfiguredTable(r -> r.configuredTableIdentifier(customers.id()));
        assertThrows(ResourceNotFoundException.class, () -> getTable(customers.id()));
        assertTrue(owner.listConfiguredTables(r -> {}).configuredTableSummaries().stream()
                .noneMatch(summary -> summary.id().equals(customers.id())));
    }

    @Test
    void analysisRulesOfEachType() {
        String id = owner.createConfiguredTable(table("sales", "orders", b -> {}))
                .configuredTable()
                .id();
        ConfiguredTableAnalysisRule aggregation = owner.createConfiguredTableAnalysisRule(
                        r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION)
                                .analysisRulePolicy(aggregation(b -> {})))
                .analysisRule();
        assertEquals(aggregation(b -> {}), aggregation.policy());
        owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
                .analysisRulePolicy(list("city")));
        ConfiguredTableAnalysisRulePolicy custom =
                ConfiguredTableAnalysisRulePolicy.fromV1(ConfiguredTableAnalysisRulePolicyV1.fromCustom(
                        c -> c.allowedAnalyses("ANY_QUERY").disallowedOutputColumns("email")));
        owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
                .analysisRulePolicy(custom));
        assertEquals(
                List.of(
                        ConfiguredTableAnalysisRuleType.AGGREGATION,
                        ConfiguredTableAnalysisRuleType.LIST,
                        ConfiguredTableAnalysisRuleType.CUSTOM),
                getTable(id).analysisRuleTypes());
        assertEquals(
                custom,
                owner.getConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM))
                        .analysisRule()
                        .policy());

        ConfiguredTableAnalysisRule updated = owner.updateConfiguredTableAnalysisRule(
                        r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
                                .analysisRulePolicy(list("city", "amount")))
                .analysisRule();
        assertEquals(list("city", "amount"), updated.policy());

        owner.deleteConfiguredTableAnalysisRule(
                r -> r.configuredTableIdentifier(id).analysisRuleType(ConfiguredTableAnalysisRuleType.LIST));
        assertThrows(
                ResourceNotFoundException.class,
                () -> owner.getConfiguredTableAnalysisRule(
                        r -> r.configuredTableIdentifier(id).analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)));
        assertEquals(
                List.of(ConfiguredTableAnalysisRuleType.AGGREGATION, ConfiguredTableAnalysisRuleType.CUSTOM),
                RunningParley.eventually(
                                () -> owner.listConfiguredTables(r -> {}).configuredTableSummaries().stream()
                                        .filter(summary -> summary.id().equals(id))
                                        .findFirst()
                                        .orElseThrow(),
                                summary -> summary.analysisRuleTypes().size() == 2)
                        .analysisRuleTypes());
    }

    @Test
    void badTablesAreRefusedAndNothingIsCreated() {
        int before =
                owner.listConfiguredTables(r -> {}).configuredTableSummaries().size();
        Map<String, CreateConfiguredTableRequest> bad = Map.of(
                "No table folder", table("sales", "missing", b -> {}),
                "holds no .parquet or .csv files", table("sales", "empty", b -> {}),
                "differ in schema", table("sales", "mixed", b -> b.allowedColumns("email")),
                "are not columns of table", table("sales", "orders", b -> b.allowedColumns("email", "phone")),
                "more than once", table("sales", "orders", b -> b.allowedColumns("email", "email")),
                "DIRECT_QUERY only", table("sales", "orders", b -> b.analysisMethod(AnalysisMethod.DIRECT_JOB)),
                "only glue",
                        table(
                                "sales",
                                "orders",
                                b -> b.tableReference(TableReference.fromAthena(a ->
                                        a.workGroup("wg").databaseName("sales").tableName("orders")))));
        bad.forEach((message, request) -> {
            ValidationException refused =
                    assertThrows(ValidationException.class, () -> owner.createConfiguredTable(request));
            assertTrue(refused.getMessage().contains(message), refused.getMessage());
        });
        assertThrows(
                ValidationException.class,
                () -> other.createConfiguredTable(table("sales", "orders", b -> {})),
                "another account's catalog has no such table: an account reads only its own");
        assertEquals(
                before,
                owner.listConfiguredTables(r -> {}).configuredTableSummaries().size());
    }

    @Test
    void badRulesAreRefusedAndNothingChanges() {
        String id = owner.createConfiguredTable(table("sales", "orders", b -> b.allowedColumns("email", "city")))
                .configuredTable()
                .id();
        Map<String, ConfiguredTableAnalysisRulePolicy> badAggregations = Map.of(
                "not in allowedColumns", aggregation(b -> {}),
                "both dimension columns and aggregate columns",
                        aggregation(b ->
                                b.aggregateColumns(a -> a.columnNames("city").function("COUNT"))));
        badAggregations.forEach((message, policy) -> assertTrue(refusedUnchanged(
                        ValidationException.class,
                        id,
                        () -> owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION)
                                .analysisRulePolicy(policy)))
                .getMessage()
                .contains(message)));
        assertTrue(refusedUnchanged(
                        ValidationException.class,
                        id,
                        () -> owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION)
                                .analysisRulePolicy(list("city"))))
                .getMessage()
                .contains("analysisRuleType is AGGREGATION but the analysisRulePolicy is a LIST policy"));
        assertTrue(refusedUnchanged(
                        ValidationException.class,
                        id,
                        () -> owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.CUSTOM)
                                .analysisRulePolicy(ConfiguredTableAnalysisRulePolicy.fromV1(
                                        ConfiguredTableAnalysisRulePolicyV1.fromCustom(c -> c.allowedAnalyses(
                                                        "ANY_QUERY")
                                                .differentialPrivacy(d -> d.columns(col -> col.name("email"))))))))
                .getMessage()
                .contains("differentialPrivacy is not supported yet"));
        assertThrows(
                ValidationException.class,
                () -> owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                        .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION)
                        .analysisRulePolicy(aggregation(b -> b.outputConstraints(
                                c -> c.columnName("email").minimum(1).type("COUNT_DISTINCT"))))),
                "the model's minimum of 2");

        owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
                .analysisRulePolicy(list("city")));
        refusedUnchanged(
                software.amazon.awssdk.services.cleanrooms.model.ConflictException.class,
                id,
                () -> owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                        .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
                        .analysisRulePolicy(list("city"))));
        assertTrue(refusedUnchanged(
                        ValidationException.class,
                        id,
                        () -> owner.updateConfiguredTable(
                                r -> r.configuredTableIdentifier(id).allowedColumns("email")))
                .getMessage()
                .contains("which allowedColumns must keep"));
    }

    @Test
    void anotherAccountIsRefused() {
        String id = owner.createConfiguredTable(table("sales", "orders", b -> {}))
                .configuredTable()
                .id();
        assertThrows(AccessDeniedException.class, () -> other.getConfiguredTable(r -> r.configuredTableIdentifier(id)));
        refusedUnchanged(
                AccessDeniedException.class,
                id,
                () -> other.updateConfiguredTable(
                        r -> r.configuredTableIdentifier(id).name("mine")));
        refusedUnchanged(
                AccessDeniedException.class,
                id,
                () -> other.deleteConfiguredTable(r -> r.configuredTableIdentifier(id)));
        refusedUnchanged(
                AccessDeniedException.class,
                id,
                () -> other.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(id)
                        .analysisRuleType(ConfiguredTableAnalysisRuleType.LIST)
                        .analysisRulePolicy(list("city"))));
        String arn = getTable(id).arn();
        assertThrows(AccessDeniedException.class, () -> other.listTagsForResource(r -> r.resourceArn(arn)));
    }

    @Test
    void tagsAndARestartLoseNothing() {
        ConfiguredTable table =
                owner.createConfiguredTable(table("sales", "orders", b -> {})).configuredTable();
        owner.createConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(table.id())
                .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION)
                .analysisRulePolicy(aggregation(b -> {})));
        owner.tagResource(r -> r.resourceArn(table.arn()).tags(Map.of("stage", "test")));
        owner.untagResource(r -> r.resourceArn(table.arn()).tagKeys("team"));
        assertEquals(
                Map.of("stage", "test"),
                owner.listTagsForResource(r -> r.resourceArn(table.arn())).tags());
        ConfiguredTable before = getTable(table.id());

        parley.restart();
        connect();

        assertEquals(before, getTable(table.id()));
        assertEquals(
                aggregation(b -> {}),
                owner.getConfiguredTableAnalysisRule(r -> r.configuredTableIdentifier(table.id())
                                .analysisRuleType(ConfiguredTableAnalysisRuleType.AGGREGATION))
                        .analysisRule()
                        .policy());
        assertEquals(
                Map.of("stage", "test"),
                owner.listTagsForResource(r -> r.resourceArn(table.arn())).tags());
        // The restarted node took none of these writes, so its listing follows the read side, which resumes.
        eventually(
                () -> owner.listConfiguredTables(r -> {}).configuredTableSummaries(),
                summaries -> summaries.stream().anyMatch(summary -> summary.id().equals(table.id())));
    }
}
