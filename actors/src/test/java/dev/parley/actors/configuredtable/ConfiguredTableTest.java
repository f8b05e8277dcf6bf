package dev.parley.actors.configuredtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.configuredtable.ConfiguredTable.Active;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregateColumn;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregateFunction;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregationConstraint;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregationPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.AggregationType;
import dev.parley.actors.configuredtable.ConfiguredTable.AnalysisMethod;
import dev.parley.actors.configuredtable.ConfiguredTable.Configuration;
import dev.parley.actors.configuredtable.ConfiguredTable.CustomPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.ListPolicy;
import dev.parley.actors.configuredtable.ConfiguredTable.Policy;
import dev.parley.actors.configuredtable.ConfiguredTable.RuleView;
import dev.parley.actors.configuredtable.ConfiguredTable.ScalarFunction;
import dev.parley.actors.configuredtable.ConfiguredTable.SelectedAnalysisMethod;
import dev.parley.actors.shared.AnalysisRuleType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfiguredTableTest {

    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final String ID = "5b2c3d4e-0000-4000-8000-000000000003";
    static final List<Column> COLUMNS =
            List.of(new Column("email", "string"), new Column("city", "string"), new Column("amount", "double"));

    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<ConfiguredTable.Command, ConfiguredTable.Event, ConfiguredTable.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), ConfiguredTable.create(ID, "us-east-1"));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static Configuration configuration(List<String> allowed, AnalysisMethod method) {
        return new Configuration(
                "orders",
                "the orders",
                new ConfiguredTable.TableReference("sales", "orders", null),
                COLUMNS,
                allowed,
                method,
                null);
    }

    static AggregationPolicy aggregation(List<String> dimensions, String aggregated) {
        return new AggregationPolicy(
                List.of(new AggregateColumn(List.of(aggregated), AggregateFunction.SUM)),
                List.of("email"),
                null,
                null,
                dimensions,
                List.of(ScalarFunction.LOWER),
                List.of(new AggregationConstraint("email", 2, AggregationType.COUNT_DISTINCT)),
                null);
    }

    static final ListPolicy LIST = new ListPolicy(List.of("email"), null, List.of("city"), null);

    <T> StatusReply<T> ask(Function<ActorRef<StatusReply<T>>, ConfiguredTable.Command> command) {
        return kit.<StatusReply<T>>runCommand(command::apply).reply();
    }

    /** The command, whatever answer it expects, is refused; the raw reply address fits every command. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Rejection rejected(Function<ActorRef, ConfiguredTable.Command> command) {
        var result = kit.<StatusReply<Object>>runCommand(replyTo -> command.apply(replyTo));
        assertTrue(result.events().isEmpty(), "a refusal persists nothing");
        return assertInstanceOf(Rejection.class, result.reply().getError());
    }

    Active create() {
        return this.<Active>ask(replyTo -> new ConfiguredTable.Create(
                        new ConfiguredTable.NewConfiguredTable(
                                OWNER,
                                configuration(List.of("email", "city", "amount"), AnalysisMethod.DIRECT_QUERY),
                                Map.of("k", "v")),
                        replyTo))
                .getValue();
    }

    StatusReply<RuleView> createRule(String caller, AnalysisRuleType type, Policy policy) {
        return ask(replyTo -> new ConfiguredTable.CreateAnalysisRule(caller, type, policy, replyTo));
    }

    @Test
    void emptyCreatesAndRefusesEverythingElse() {
        assertInstanceOf(Rejection.NotFound.class, rejected(replyTo -> new ConfiguredTable.Get(OWNER, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class, rejected(replyTo -> new ConfiguredTable.Associate(OWNER, "assoc", replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.Tagging(new Taggable.ListTags(OWNER, replyTo))));
        Active created = create();
        assertEquals("arn:aws:cleanrooms:us-east-1:" + OWNER + ":configuredtable/" + ID, created.arn());
        assertEquals(List.of(), created.analysisRuleTypes());
        assertEquals(Map.of("k", "v"), created.tags());
        assertInstanceOf(
                Rejection.Conflict.class,
                rejected(replyTo -> new ConfiguredTable.Create(
                        new ConfiguredTable.NewConfiguredTable(
                                OWNER, configuration(List.of("email"), AnalysisMethod.DIRECT_QUERY), Map.of()),
                        replyTo)));
    }

    @Test
    void createRefusesWhatCannotBeServed() {
        Map<String, Configuration> bad = Map.of(
                "are not columns", configuration(List.of("email", "phone"), AnalysisMethod.DIRECT_QUERY),
                "more than once", configuration(List.of("email", "email"), AnalysisMethod.DIRECT_QUERY),
                "DIRECT_QUERY only", configuration(List.of("email"), AnalysisMethod.MULTIPLE),
                "DIRECT_JOB is not supported",
                        new Configuration(
                                "orders",
                                null,
                                new ConfiguredTable.TableReference("sales", "orders", null),
                                COLUMNS,
                                List.of("email"),
                                AnalysisMethod.DIRECT_QUERY,
                                List.of(SelectedAnalysisMethod.DIRECT_JOB)));
        bad.forEach((message, configuration) -> {
            Rejection rejection = rejected(replyTo -> new ConfiguredTable.Create(
                    new ConfiguredTable.NewConfiguredTable(OWNER, configuration, Map.of()), replyTo));
            assertInstanceOf(Rejection.Invalid.class, rejection);
            assertTrue(rejection.getMessage().contains(message), rejection.getMessage());
        });
        assertInstanceOf(Rejection.NotFound.class, rejected(replyTo -> new ConfiguredTable.Get(OWNER, replyTo)));
    }

    @Test
    void onlyTheOwnerReadsOrChangesIt() {
        create();
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Function<ActorRef, ConfiguredTable.Command>> commands = List.of(
                replyTo -> new ConfiguredTable.Get(OTHER, replyTo),
                replyTo -> new ConfiguredTable.Update(OTHER, "x", null, null, null, null, null, null, replyTo),
                replyTo -> new ConfiguredTable.Delete(OTHER, replyTo),
                replyTo -> new ConfiguredTable.CreateAnalysisRule(OTHER, AnalysisRuleType.LIST, LIST, replyTo),
                replyTo -> new ConfiguredTable.GetAnalysisRule(OTHER, AnalysisRuleType.LIST, replyTo),
                replyTo -> new ConfiguredTable.UpdateAnalysisRule(OTHER, AnalysisRuleType.LIST, LIST, replyTo),
                replyTo -> new ConfiguredTable.DeleteAnalysisRule(OTHER, AnalysisRuleType.LIST, replyTo),
                replyTo -> new ConfiguredTable.Tagging(new Taggable.ListTags(OTHER, replyTo)));
        commands.forEach(command -> assertInstanceOf(Rejection.AccessDenied.class, rejected(command)));
    }

    @Test
    void updatesKeepRulesSatisfied() {
        create();
        Active renamed = this.<Active>ask(replyTo -> new ConfiguredTable.Update(
                        OWNER, "orders v2", null, null, null, List.of("email", "city"), null, null, replyTo))
                .getValue();
        assertEquals("orders v2", renamed.configuration().name());
        assertEquals("the orders", renamed.configuration().description());
        createRule(OWNER, AnalysisRuleType.LIST, LIST);
        Rejection dropped = rejected(replyTo ->
                new ConfiguredTable.Update(OWNER, null, null, null, null, List.of("email"), null, null, replyTo));
        assertTrue(dropped.getMessage().contains("which allowedColumns must keep"), dropped.getMessage());
        Rejection newTable = rejected(replyTo -> new ConfiguredTable.Update(
                OWNER,
                null,
                null,
                new ConfiguredTable.TableReference("sales", "other", null),
                List.of(new Column("id", "bigint")),
                null,
                null,
                null,
                replyTo));
        assertTrue(newTable.getMessage().contains("are not columns"), newTable.getMessage());
    }

    @Test
    void rulesOfEachTypeAreValidatedAndKeptExactly() {
        create();
        AggregationPolicy aggregation = aggregation(List.of("city"), "amount");
        RuleView created =
                createRule(OWNER, AnalysisRuleType.AGGREGATION, aggregation).getValue();
        assertEquals(aggregation, created.rule().policy());
        assertEquals(ID, created.configuredTableId());
        CustomPolicy custom = new CustomPolicy(List.of("ANY_QUERY"), null, List.of("email"), null);
        createRule(OWNER, AnalysisRuleType.CUSTOM, custom);
        createRule(OWNER, AnalysisRuleType.LIST, LIST);
        assertEquals(
                List.of(AnalysisRuleType.AGGREGATION, AnalysisRuleType.LIST, AnalysisRuleType.CUSTOM),
                this.<Active>ask(replyTo -> new ConfiguredTable.Get(OWNER, replyTo))
                        .getValue()
                        .analysisRuleTypes());

        assertInstanceOf(
                Rejection.Conflict.class,
                rejected(replyTo ->
                        new ConfiguredTable.CreateAnalysisRule(OWNER, AnalysisRuleType.LIST, LIST, replyTo)));
        Map<String, Policy> invalid = Map.of(
                "both dimension columns and aggregate columns",
                aggregation(List.of("amount"), "amount"),
                "not in allowedColumns",
                aggregation(List.of("city"), "phone"),
                "names allowedAnalyses or allowedAnalysisProviders",
                new CustomPolicy(List.of(), List.of(), null, null),
                "ANY_JOB is not supported",
                new CustomPolicy(List.of("ANY_JOB"), null, null, null));
        invalid.forEach((message, policy) -> {
            Rejection rejection =
                    rejected(replyTo -> new ConfiguredTable.UpdateAnalysisRule(OWNER, policy.type(), policy, replyTo));
            assertInstanceOf(Rejection.Invalid.class, rejection);
            assertTrue(rejection.getMessage().contains(message), rejection.getMessage());
        });
        Rejection mismatch = rejected(
                replyTo -> new ConfiguredTable.UpdateAnalysisRule(OWNER, AnalysisRuleType.AGGREGATION, LIST, replyTo));
        assertTrue(mismatch.getMessage().contains("is a LIST policy"), mismatch.getMessage());

        ListPolicy wider = new ListPolicy(List.of("email"), null, List.of("city", "amount"), null);
        RuleView updated = this.<RuleView>ask(
                        replyTo -> new ConfiguredTable.UpdateAnalysisRule(OWNER, AnalysisRuleType.LIST, wider, replyTo))
                .getValue();
        assertEquals(wider, updated.rule().policy());
        assertEquals(
                wider,
                this.<RuleView>ask(
                                replyTo -> new ConfiguredTable.GetAnalysisRule(OWNER, AnalysisRuleType.LIST, replyTo))
                        .getValue()
                        .rule()
                        .policy());
        this.<Done>ask(replyTo -> new ConfiguredTable.DeleteAnalysisRule(OWNER, AnalysisRuleType.LIST, replyTo));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.GetAnalysisRule(OWNER, AnalysisRuleType.LIST, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo ->
                        new ConfiguredTable.UpdateAnalysisRule(OWNER, AnalysisRuleType.LIST, LIST, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.DeleteAnalysisRule(OWNER, AnalysisRuleType.LIST, replyTo)));
    }

    @Test
    void anAssociatedTableCannotBeDeletedAndADeletedOneIsGone() {
        create();
        assertInstanceOf(
                Rejection.AccessDenied.class,
                rejected(replyTo -> new ConfiguredTable.Associate(OTHER, "assoc-1", replyTo)),
                "only the owner associates a table");
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.DescribeAssociated("assoc-1", replyTo)),
                "nothing is shown of a table not associated");
        this.<ConfiguredTable.Active>ask(replyTo -> new ConfiguredTable.Associate(OWNER, "assoc-1", replyTo));
        assertTrue(kit.<StatusReply<ConfiguredTable.Active>>runCommand(
                        replyTo -> new ConfiguredTable.Associate(OWNER, "assoc-1", replyTo))
                .events()
                .isEmpty());
        assertEquals(
                ID,
                this.<ConfiguredTable.Active>ask(replyTo -> new ConfiguredTable.DescribeAssociated("assoc-1", replyTo))
                        .getValue()
                        .id());
        assertInstanceOf(Rejection.Conflict.class, rejected(replyTo -> new ConfiguredTable.Delete(OWNER, replyTo)));
        this.<Done>ask(replyTo -> new ConfiguredTable.Disassociate("assoc-1", replyTo));
        assertTrue(kit.<StatusReply<Done>>runCommand(replyTo -> new ConfiguredTable.Disassociate("assoc-1", replyTo))
                .events()
                .isEmpty());
        this.<Done>ask(
                replyTo -> new ConfiguredTable.Tagging(new Taggable.TagResource(OWNER, Map.of("a", "b"), replyTo)));
        assertTrue(this.<Done>ask(replyTo -> new ConfiguredTable.Delete(OWNER, replyTo))
                .isSuccess());
        assertInstanceOf(Rejection.NotFound.class, rejected(replyTo -> new ConfiguredTable.Get(OWNER, replyTo)));
        assertInstanceOf(Rejection.NotFound.class, rejected(replyTo -> new ConfiguredTable.Delete(OWNER, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.Associate(OWNER, "assoc-2", replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new ConfiguredTable.Create(
                        new ConfiguredTable.NewConfiguredTable(
                                OWNER, configuration(List.of("email"), AnalysisMethod.DIRECT_QUERY), Map.of()),
                        replyTo)));
    }
}
