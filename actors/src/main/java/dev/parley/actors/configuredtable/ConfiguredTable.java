package dev.parley.actors.configuredtable;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.common.Arns;
import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.common.Tags;
import dev.parley.actors.shared.AnalysisRuleType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * An account's table as configured for collaborations: files of its own data catalog, the columns read from them at
 * creation, which of those may be used, and at most one analysis rule of each type saying how the table may be
 * queried. Only the owning account sees or changes it. It records the associations made of it, so that a table in
 * use cannot be deleted.
 */
public final class ConfiguredTable
        extends ParleyEntity<ConfiguredTable.Command, ConfiguredTable.Event, ConfiguredTable.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "ConfiguredTable");
    public static final String TAG = "configured-table";
    private static final Taggable.Events<Event> TAG_EVENTS = new Taggable.Events<>(TagsAdded::new, TagsRemoved::new);

    public enum AnalysisMethod {
        DIRECT_QUERY,
        DIRECT_JOB,
        MULTIPLE
    }

    public enum SelectedAnalysisMethod {
        DIRECT_QUERY,
        DIRECT_JOB
    }

    public enum AggregateFunction {
        SUM,
        SUM_DISTINCT,
        COUNT,
        COUNT_DISTINCT,
        AVG
    }

    public enum AggregationType {
        COUNT_DISTINCT
    }

    public enum JoinOperator {
        OR,
        AND
    }

    public enum JoinRequired {
        QUERY_RUNNER
    }

    public enum AdditionalAnalyses {
        ALLOWED,
        REQUIRED,
        NOT_ALLOWED
    }

    public enum ScalarFunction {
        ABS,
        CAST,
        CEILING,
        COALESCE,
        CONVERT,
        CURRENT_DATE,
        DATEADD,
        EXTRACT,
        FLOOR,
        GETDATE,
        LN,
        LOG,
        LOWER,
        ROUND,
        RTRIM,
        SQRT,
        SUBSTRING,
        TO_CHAR,
        TO_DATE,
        TO_NUMBER,
        TO_TIMESTAMP,
        TRIM,
        TRUNC,
        UPPER
    }

    /** A Glue table reference, which names a folder of the owner's embedded data catalog. */
    public record TableReference(String databaseName, String tableName, String region) implements CborSerializable {}

    /** What the table is made of and who may use which part; the parts an update may change. */
    public record Configuration(
            String name,
            String description,
            TableReference tableReference,
            List<Column> columns,
            List<String> allowedColumns,
            AnalysisMethod analysisMethod,
            List<SelectedAnalysisMethod> selectedAnalysisMethods)
            implements CborSerializable {
        public Configuration {
            columns = List.copyOf(columns);
            allowedColumns = List.copyOf(allowedColumns);
            selectedAnalysisMethods = selectedAnalysisMethods == null ? null : List.copyOf(selectedAnalysisMethods);
        }
    }

    /** An analysis rule's policy, one record per rule type, kept exactly as given. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
        @JsonSubTypes.Type(AggregationPolicy.class),
        @JsonSubTypes.Type(ListPolicy.class),
        @JsonSubTypes.Type(CustomPolicy.class)
    })
    public sealed interface Policy extends CborSerializable permits AggregationPolicy, ListPolicy, CustomPolicy {
        AnalysisRuleType type();

        /** Every column the policy names, each of which must be allowed. */
        List<String> namedColumns();
    }

    public record AggregateColumn(List<String> columnNames, AggregateFunction function) implements CborSerializable {
        public AggregateColumn {
            columnNames = List.copyOf(columnNames);
        }
    }

    public record AggregationConstraint(String columnName, int minimum, AggregationType type)
            implements CborSerializable {}

    public record AggregationPolicy(
            List<AggregateColumn> aggregateColumns,
            List<String> joinColumns,
            JoinRequired joinRequired,
            List<JoinOperator> allowedJoinOperators,
            List<String> dimensionColumns,
            List<ScalarFunction> scalarFunctions,
            List<AggregationConstraint> outputConstraints,
            AdditionalAnalyses additionalAnalyses)
            implements Policy {
        public AggregationPolicy {
            aggregateColumns = List.copyOf(aggregateColumns);
            joinColumns = List.copyOf(joinColumns);
            allowedJoinOperators = allowedJoinOperators == null ? null : List.copyOf(allowedJoinOperators);
            dimensionColumns = List.copyOf(dimensionColumns);
            scalarFunctions = List.copyOf(scalarFunctions);
            outputConstraints = List.copyOf(outputConstraints);
        }

        @Override
        public AnalysisRuleType type() {
            return AnalysisRuleType.AGGREGATION;
        }

        @Override
        public List<String> namedColumns() {
            return Stream.of(
                            aggregateColumns.stream().flatMap(column -> column.columnNames().stream()),
                            joinColumns.stream(),
                            dimensionColumns.stream(),
                            outputConstraints.stream().map(AggregationConstraint::columnName))
                    .flatMap(names -> names)
                    .toList();
        }
    }

    public record ListPolicy(
            List<String> joinColumns,
            List<JoinOperator> allowedJoinOperators,
            List<String> listColumns,
            AdditionalAnalyses additionalAnalyses)
            implements Policy {
        public ListPolicy {
            joinColumns = List.copyOf(joinColumns);
            allowedJoinOperators = allowedJoinOperators == null ? null : List.copyOf(allowedJoinOperators);
            listColumns = List.copyOf(listColumns);
        }

        @Override
        public AnalysisRuleType type() {
            return AnalysisRuleType.LIST;
        }

        @Override
        public List<String> namedColumns() {
            return Stream.concat(joinColumns.stream(), listColumns.stream()).toList();
        }
    }

    /** allowedAnalyses holds analysis template ARNs or {@code ANY_QUERY}. */
    public record CustomPolicy(
            List<String> allowedAnalyses,
            List<String> allowedAnalysisProviders,
            List<String> disallowedOutputColumns,
            AdditionalAnalyses additionalAnalyses)
            implements Policy {
        public CustomPolicy {
            allowedAnalyses = List.copyOf(allowedAnalyses);
            allowedAnalysisProviders = allowedAnalysisProviders == null ? null : List.copyOf(allowedAnalysisProviders);
            disallowedOutputColumns = disallowedOutputColumns == null ? null : List.copyOf(disallowedOutputColumns);
        }

        @Override
        public AnalysisRuleType type() {
            return AnalysisRuleType.CUSTOM;
        }

        @Override
        public List<String> namedColumns() {
            return disallowedOutputColumns == null ? List.of() : disallowedOutputColumns;
        }
    }

    public record AnalysisRule(Policy policy, Instant createTime, Instant updateTime) implements CborSerializable {}

    /** A new table as asked for, with the columns the catalog read from its files. */
    public record NewConfiguredTable(String owner, Configuration configuration, Map<String, String> tags)
            implements CborSerializable {
        public NewConfiguredTable {
            tags = Map.copyOf(tags);
        }
    }

    // Commands

    public sealed interface Command extends CborSerializable {}

    /** A command only the owning account may give; another account is refused whatever it asks. */
    public sealed interface OwnerCommand extends Command, ExpectsStatusReply {
        String caller();
    }

    public record Create(NewConfiguredTable table, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Get(String caller, ActorRef<StatusReply<Active>> replyTo) implements OwnerCommand {}

    /**
     * Null fields are left as they are; a new table reference comes with the columns the catalog read for it, and
     * the allowed columns (new or kept) must exist among them.
     */
    public record Update(
            String caller,
            String name,
            String description,
            TableReference tableReference,
            List<Column> columns,
            List<String> allowedColumns,
            AnalysisMethod analysisMethod,
            List<SelectedAnalysisMethod> selectedAnalysisMethods,
            ActorRef<StatusReply<Active>> replyTo)
            implements OwnerCommand {}

    public record Delete(String caller, ActorRef<StatusReply<Done>> replyTo) implements OwnerCommand {}

    public record CreateAnalysisRule(
            String caller, AnalysisRuleType type, Policy policy, ActorRef<StatusReply<RuleView>> replyTo)
            implements OwnerCommand {}

    public record GetAnalysisRule(String caller, AnalysisRuleType type, ActorRef<StatusReply<RuleView>> replyTo)
            implements OwnerCommand {}

    public record UpdateAnalysisRule(
            String caller, AnalysisRuleType type, Policy policy, ActorRef<StatusReply<RuleView>> replyTo)
            implements OwnerCommand {}

    public record DeleteAnalysisRule(String caller, AnalysisRuleType type, ActorRef<StatusReply<Done>> replyTo)
            implements OwnerCommand {}

    /**
     * The owner associates this table with a collaboration (the association's id); idempotent. Answered with the
     * table, whose ARN the association records.
     */
    public record Associate(String caller, String associationId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /**
     * For a collaboration's schema: the table, to any member the route has vouched for, but only while the association
     * is one of this table's, so nothing is shown of a table its owner has not put into that collaboration.
     */
    public record DescribeAssociated(String associationId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** That association is gone; idempotent. */
    public record Disassociate(String associationId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Tagging(Taggable.Command command) implements Command, Taggable.Carrier {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record ConfiguredTableCreated(
            String id,
            String arn,
            String owner,
            Configuration configuration,
            Map<String, String> tags,
            Instant createTime)
            implements Event {}

    public record ConfiguredTableUpdated(Configuration configuration, Instant updateTime) implements Event {}

    public record ConfiguredTableDeleted(Instant updateTime) implements Event {}

    public record AnalysisRuleCreated(Policy policy, Instant time) implements Event {}

    public record AnalysisRuleUpdated(Policy policy, Instant time) implements Event {}

    public record AnalysisRuleDeleted(AnalysisRuleType type, Instant time) implements Event {}

    public record Associated(String associationId) implements Event {}

    public record Disassociated(String associationId) implements Event {}

    public record TagsAdded(Map<String, String> tags) implements Event {}

    public record TagsRemoved(List<String> tagKeys) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /** A configured table that exists; also the answer to Get. */
    public record Active(
            String id,
            String arn,
            String owner,
            Configuration configuration,
            Map<AnalysisRuleType, AnalysisRule> rules,
            Set<String> associations,
            Instant createTime,
            Instant updateTime,
            Map<String, String> tags)
            implements State {
        public Active {
            rules = Map.copyOf(rules);
            associations = Set.copyOf(associations);
            tags = Map.copyOf(tags);
        }

        /** The rule types present, in the model's order. */
        public List<AnalysisRuleType> analysisRuleTypes() {
            return new TreeMap<>(rules).keySet().stream().toList();
        }

        Active with(
                Configuration newConfiguration,
                Map<AnalysisRuleType, AnalysisRule> newRules,
                Set<String> newAssociations,
                Instant newUpdateTime,
                Map<String, String> newTags) {
            return new Active(
                    id, arn, owner, newConfiguration, newRules, newAssociations, createTime, newUpdateTime, newTags);
        }

        Active withRules(Map<AnalysisRuleType, AnalysisRule> newRules) {
            return with(configuration, newRules, associations, updateTime, tags);
        }

        Active withAssociations(Set<String> newAssociations) {
            return with(configuration, rules, newAssociations, updateTime, tags);
        }

        Active withTags(Map<String, String> newTags) {
            return with(configuration, rules, associations, updateTime, newTags);
        }
    }

    /** A table deleted for good: its id answers NotFound from now on. */
    public record Deleted() implements State {}

    /** An analysis rule as GetConfiguredTableAnalysisRule shows it. */
    public record RuleView(String configuredTableId, String configuredTableArn, AnalysisRule rule)
            implements CborSerializable {}

    public static Behavior<Command> create(String configuredTableId, String region) {
        return new ConfiguredTable(configuredTableId, region);
    }

    private final String configuredTableId;
    private final String region;

    private ConfiguredTable(String configuredTableId, String region) {
        super(ENTITY_TYPE_KEY, TAG, configuredTableId);
        this.configuredTableId = configuredTableId;
        this.region = region;
    }

    @Override
    public State emptyState() {
        return new Empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onCommand(Create.class, this::onCreate)
                .onAnyCommand(this::notFound);
        builder.forStateType(Active.class)
                .onCommand(
                        Create.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.error(new Rejection.Conflict(
                                                "Configured table " + configuredTableId + " already exists"))))
                .onCommand(Associate.class, (state, command) -> {
                    if (!owned(state, command.caller())) {
                        return Effect().reply(command.replyTo(), StatusReply.error(otherAccount()));
                    }
                    return state.associations().contains(command.associationId())
                            ? Effect().reply(command.replyTo(), StatusReply.success(state))
                            : Effect()
                                    .persist(new Associated(command.associationId()))
                                    .thenReply(
                                            command.replyTo(), associated -> StatusReply.success((Active) associated));
                })
                .onCommand(
                        DescribeAssociated.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.associations().contains(command.associationId())
                                                ? StatusReply.success(state)
                                                : StatusReply.error(new Rejection.NotFound("Configured table "
                                                        + configuredTableId + " is not associated as "
                                                        + command.associationId()))))
                .onCommand(
                        Disassociate.class,
                        (state, command) -> state.associations().contains(command.associationId())
                                ? Effect()
                                        .persist(new Disassociated(command.associationId()))
                                        .thenReply(command.replyTo(), s -> StatusReply.ack())
                                : Effect().reply(command.replyTo(), StatusReply.ack()))
                .onCommand(
                        Tagging.class,
                        (state, tagging) -> Taggable.handle(
                                Effect(),
                                tagging.command(),
                                state.tags(),
                                owned(state, tagging.command().caller()),
                                this::otherAccount,
                                TAG_EVENTS))
                .onCommand(
                        Get.class, ownerOnly((state, get) -> Effect().reply(get.replyTo(), StatusReply.success(state))))
                .onCommand(Update.class, ownerOnly(this::onUpdate))
                .onCommand(Delete.class, ownerOnly(this::onDelete))
                .onCommand(CreateAnalysisRule.class, ownerOnly(this::onCreateRule))
                .onCommand(
                        GetAnalysisRule.class,
                        ownerOnly((state, get) -> Effect()
                                .reply(get.replyTo(), StatusReply.success(view(state, ruleOf(state, get.type()))))))
                .onCommand(UpdateAnalysisRule.class, ownerOnly(this::onUpdateRule))
                .onCommand(DeleteAnalysisRule.class, ownerOnly((state, delete) -> {
                    ruleOf(state, delete.type());
                    return Effect()
                            .persist(new AnalysisRuleDeleted(delete.type(), Instant.now()))
                            .thenReply(delete.replyTo(), s -> StatusReply.ack());
                }));
        builder.forStateType(Deleted.class).onAnyCommand(this::notFound);
        return builder.build();
    }

    private ReplyEffect<Event, State> notFound(Command command) {
        return refuse(command, new Rejection.NotFound("Configured table " + configuredTableId + " not found"));
    }

    private ReplyEffect<Event, State> onCreate(Empty state, Create command) {
        NewConfiguredTable table = command.table();
        try {
            checkConfiguration(table.configuration(), Map.of());
            Tags.checkLimit(Map.of(), table.tags());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        ConfiguredTableCreated created = new ConfiguredTableCreated(
                configuredTableId,
                Arns.configuredTable(region, table.owner(), configuredTableId),
                table.owner(),
                table.configuration(),
                table.tags(),
                Instant.now());
        return Effect().persist(created).thenReply(command.replyTo(), s -> StatusReply.success((Active) s));
    }

    /** The handler of an owner's command, refusing any other account and answering any rejection it throws. */
    private <C extends OwnerCommand> BiFunction<Active, C, ReplyEffect<Event, State>> ownerOnly(
            BiFunction<Active, C, ReplyEffect<Event, State>> handler) {
        return (state, command) -> {
            try {
                if (!owned(state, command.caller())) {
                    throw otherAccount();
                }
                return handler.apply(state, command);
            } catch (Rejection rejection) {
                command.reject(rejection);
                return Effect().noReply();
            }
        };
    }

    private ReplyEffect<Event, State> onUpdate(Active state, Update update) {
        Configuration current = state.configuration();
        boolean newReference = update.tableReference() != null;
        Configuration changed = new Configuration(
                update.name() != null ? update.name() : current.name(),
                update.description() != null ? update.description() : current.description(),
                newReference ? update.tableReference() : current.tableReference(),
                newReference ? update.columns() : current.columns(),
                update.allowedColumns() != null ? update.allowedColumns() : current.allowedColumns(),
                update.analysisMethod() != null ? update.analysisMethod() : current.analysisMethod(),
                update.selectedAnalysisMethods() != null
                        ? update.selectedAnalysisMethods()
                        : current.selectedAnalysisMethods());
        checkConfiguration(changed, state.rules());
        return Effect()
                .persist(new ConfiguredTableUpdated(changed, Instant.now()))
                .thenReply(update.replyTo(), s -> StatusReply.success((Active) s));
    }

    private ReplyEffect<Event, State> onDelete(Active state, Delete delete) {
        if (!state.associations().isEmpty()) {
            throw new Rejection.Conflict("Configured table " + configuredTableId + " is associated with "
                    + state.associations().size() + " membership(s); delete the associations first");
        }
        return Effect()
                .persist(new ConfiguredTableDeleted(Instant.now()))
                .thenReply(delete.replyTo(), s -> StatusReply.ack());
    }

    private ReplyEffect<Event, State> onCreateRule(Active state, CreateAnalysisRule create) {
        checkRule(state.configuration(), create.type(), create.policy());
        if (state.rules().containsKey(create.type())) {
            throw new Rejection.Conflict(
                    "Configured table " + configuredTableId + " already has a " + create.type() + " analysis rule");
        }
        return Effect()
                .persist(new AnalysisRuleCreated(create.policy(), Instant.now()))
                .thenReply(create.replyTo(), s -> StatusReply.success(ruleView(s, create.type())));
    }

    private ReplyEffect<Event, State> onUpdateRule(Active state, UpdateAnalysisRule update) {
        ruleOf(state, update.type());
        checkRule(state.configuration(), update.type(), update.policy());
        return Effect()
                .persist(new AnalysisRuleUpdated(update.policy(), Instant.now()))
                .thenReply(update.replyTo(), s -> StatusReply.success(ruleView(s, update.type())));
    }

    private AnalysisRule ruleOf(Active state, AnalysisRuleType type) {
        AnalysisRule rule = state.rules().get(type);
        if (rule == null) {
            throw new Rejection.NotFound(
                    "Configured table " + configuredTableId + " has no " + type + " analysis rule");
        }
        return rule;
    }

    private static RuleView view(Active state, AnalysisRule rule) {
        return new RuleView(state.id(), state.arn(), rule);
    }

    private static RuleView ruleView(State state, AnalysisRuleType type) {
        Active active = (Active) state;
        return view(active, active.rules().get(type));
    }

    /** The table's own rules: what Parley can run, allowed columns that exist, and rules that still fit them. */
    private static void checkConfiguration(Configuration configuration, Map<AnalysisRuleType, AnalysisRule> rules) {
        if (configuration.analysisMethod() != AnalysisMethod.DIRECT_QUERY) {
            throw new Rejection.Invalid("analysisMethod " + configuration.analysisMethod()
                    + " is not supported; Parley runs DIRECT_QUERY only");
        }
        if (configuration.selectedAnalysisMethods() != null
                && configuration.selectedAnalysisMethods().contains(SelectedAnalysisMethod.DIRECT_JOB)) {
            throw new Rejection.Invalid(
                    "selectedAnalysisMethods DIRECT_JOB is not supported; Parley runs DIRECT_QUERY" + " only");
        }
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        configuration.allowedColumns().stream()
                .filter(column -> !seen.add(column))
                .forEach(duplicates::add);
        if (!duplicates.isEmpty()) {
            throw new Rejection.Invalid("allowedColumns lists " + duplicates + " more than once");
        }
        Set<String> existing = new HashSet<>();
        configuration.columns().forEach(column -> existing.add(column.name()));
        List<String> missing = configuration.allowedColumns().stream()
                .filter(column -> !existing.contains(column))
                .toList();
        if (!missing.isEmpty()) {
            throw new Rejection.Invalid("allowedColumns " + missing + " are not columns of table "
                    + configuration.tableReference().databaseName() + "/"
                    + configuration.tableReference().tableName() + ", whose columns are "
                    + configuration.columns().stream().map(Column::name).toList());
        }
        for (AnalysisRule rule : rules.values()) {
            List<String> dropped = notAllowed(configuration, rule.policy().namedColumns());
            if (!dropped.isEmpty()) {
                throw new Rejection.Invalid("The " + rule.policy().type() + " analysis rule uses " + dropped
                        + ", which allowedColumns must keep");
            }
        }
    }

    /** A rule as AWS documents it: of the type it says, over allowed columns only. */
    private static void checkRule(Configuration configuration, AnalysisRuleType type, Policy policy) {
        if (policy.type() != type) {
            throw new Rejection.Invalid(
                    "analysisRuleType is " + type + " but the analysisRulePolicy is a " + policy.type() + " policy");
        }
        List<String> notAllowed = notAllowed(configuration, policy.namedColumns());
        if (!notAllowed.isEmpty()) {
            throw new Rejection.Invalid(
                    "The " + type + " analysis rule names " + notAllowed + ", which are not in allowedColumns");
        }
        if (policy instanceof AggregationPolicy aggregation) {
            Set<String> aggregated = new HashSet<>();
            aggregation.aggregateColumns().forEach(column -> aggregated.addAll(column.columnNames()));
            List<String> both = aggregation.dimensionColumns().stream()
                    .filter(aggregated::contains)
                    .toList();
            if (!both.isEmpty()) {
                throw new Rejection.Invalid(
                        "Columns " + both + " cannot be both dimension columns and aggregate columns");
            }
        } else if (policy instanceof CustomPolicy custom) {
            boolean noProviders = custom.allowedAnalysisProviders() == null
                    || custom.allowedAnalysisProviders().isEmpty();
            if (custom.allowedAnalyses().isEmpty() && noProviders) {
                throw new Rejection.Invalid("A CUSTOM analysis rule names allowedAnalyses or allowedAnalysisProviders");
            }
            if (custom.allowedAnalyses().contains("ANY_JOB")) {
                throw new Rejection.Invalid("ANY_JOB is not supported; Parley runs DIRECT_QUERY only");
            }
        }
    }

    private static List<String> notAllowed(Configuration configuration, List<String> columns) {
        return new ArrayList<>(new LinkedHashSet<>(columns.stream()
                .filter(column -> !configuration.allowedColumns().contains(column))
                .toList()));
    }

    private static boolean owned(Active state, String caller) {
        return state.owner().equals(caller);
    }

    private Rejection otherAccount() {
        return new Rejection.AccessDenied("Configured table " + configuredTableId + " belongs to another account");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        ConfiguredTableCreated.class,
                        (state, event) -> new Active(
                                event.id(),
                                event.arn(),
                                event.owner(),
                                event.configuration(),
                                Map.of(),
                                Set.of(),
                                event.createTime(),
                                event.createTime(),
                                event.tags()));
        builder.forStateType(Active.class)
                .onEvent(
                        ConfiguredTableUpdated.class,
                        (state, event) -> state.with(
                                event.configuration(),
                                state.rules(),
                                state.associations(),
                                event.updateTime(),
                                state.tags()))
                .onEvent(ConfiguredTableDeleted.class, (state, event) -> new Deleted())
                .onEvent(AnalysisRuleCreated.class, (state, event) -> {
                    Map<AnalysisRuleType, AnalysisRule> rules = new TreeMap<>(state.rules());
                    rules.put(event.policy().type(), new AnalysisRule(event.policy(), event.time(), event.time()));
                    return state.withRules(rules);
                })
                .onEvent(AnalysisRuleUpdated.class, (state, event) -> {
                    Map<AnalysisRuleType, AnalysisRule> rules = new TreeMap<>(state.rules());
                    AnalysisRule current = rules.get(event.policy().type());
                    rules.put(
                            event.policy().type(),
                            new AnalysisRule(event.policy(), current.createTime(), event.time()));
                    return state.withRules(rules);
                })
                .onEvent(AnalysisRuleDeleted.class, (state, event) -> {
                    Map<AnalysisRuleType, AnalysisRule> rules = new TreeMap<>(state.rules());
                    rules.remove(event.type());
                    return state.withRules(rules);
                })
                .onEvent(Associated.class, (state, event) -> {
                    Set<String> associations = new HashSet<>(state.associations());
                    associations.add(event.associationId());
                    return state.withAssociations(associations);
                })
                .onEvent(Disassociated.class, (state, event) -> {
                    Set<String> associations = new HashSet<>(state.associations());
                    associations.remove(event.associationId());
                    return state.withAssociations(associations);
                })
                .onEvent(TagsAdded.class, (state, event) -> state.withTags(Tags.merged(state.tags(), event.tags())))
                .onEvent(
                        TagsRemoved.class,
                        (state, event) -> state.withTags(Tags.without(state.tags(), event.tagKeys())));
        return builder.build();
    }
}
