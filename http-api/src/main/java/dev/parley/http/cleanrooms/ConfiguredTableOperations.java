package dev.parley.http.cleanrooms;

import static dev.parley.http.cleanrooms.CleanRoomsRequests.enumOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.catalog.DataCatalog;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.configuredtable.ConfiguredTable.AnalysisMethod;
import dev.parley.actors.configuredtable.ConfiguredTable.SelectedAnalysisMethod;
import dev.parley.actors.shared.AnalysisRuleType;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.http.wire.model.ModelInput;
import dev.parley.persistence.ConfiguredTableReadModel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateConfiguredTableResponse;
import software.amazon.awssdk.services.cleanrooms.model.DeleteConfiguredTableAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.DeleteConfiguredTableRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetConfiguredTableResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListConfiguredTablesRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListConfiguredTablesResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateConfiguredTableResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Configured tables and their analysis rules, owned by one account. A table reference is read from the data catalog
 * (blocking, on the routes' blocking executor) before the entity is asked; ListConfiguredTables reads the read side.
 */
final class ConfiguredTableOperations {

    /** Members of a CUSTOM rule the model has but the SDK's classes lack, and Parley does not enforce yet. */
    private static final List<String> UNSUPPORTED_CUSTOM_MEMBERS = List.of(
            "aggregationThresholds", "comparisonControls", "allowedAdditionalAnalyses", "allowedResultReceivers");

    private final Resources resources;
    private final ConfiguredTableReadModel tables;
    private final DataCatalog catalog;
    private final Executor blocking;
    private final Answers answers;

    ConfiguredTableOperations(
            Resources resources,
            ConfiguredTableReadModel tables,
            DataCatalog catalog,
            Executor blocking,
            Answers answers) {
        this.resources = resources;
        this.tables = tables;
        this.catalog = catalog;
        this.blocking = blocking;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateConfiguredTable", CreateConfiguredTableRequest::builder, this::createConfiguredTable)
                .serve("GetConfiguredTable", GetConfiguredTableRequest::builder, this::getConfiguredTable)
                .serve("ListConfiguredTables", ListConfiguredTablesRequest::builder, this::listConfiguredTables)
                .serve("UpdateConfiguredTable", UpdateConfiguredTableRequest::builder, this::updateConfiguredTable)
                .serve("DeleteConfiguredTable", DeleteConfiguredTableRequest::builder, this::deleteConfiguredTable)
                .serveBeyondSdk(
                        "CreateConfiguredTableAnalysisRule",
                        input -> ruleInput(input, CreateConfiguredTableAnalysisRuleRequest::builder),
                        this::createAnalysisRule)
                .serve(
                        "GetConfiguredTableAnalysisRule",
                        GetConfiguredTableAnalysisRuleRequest::builder,
                        this::getAnalysisRule)
                .serveBeyondSdk(
                        "UpdateConfiguredTableAnalysisRule",
                        input -> ruleInput(input, UpdateConfiguredTableAnalysisRuleRequest::builder),
                        this::updateAnalysisRule)
                .serve(
                        "DeleteConfiguredTableAnalysisRule",
                        DeleteConfiguredTableAnalysisRuleRequest::builder,
                        this::deleteAnalysisRule);
    }

    private Route createConfiguredTable(String account, CreateConfiguredTableRequest request) {
        ConfiguredTable.TableReference reference = ConfiguredTableShapes.tableReference(request.tableReference());
        String id = UUID.randomUUID().toString();
        CompletionStage<ConfiguredTable.Active> created = columnsOf(account, reference)
                .thenCompose(columns -> resources
                        .configuredTable(id)
                        .write(
                                account,
                                replyTo -> new ConfiguredTable.Create(
                                        new ConfiguredTable.NewConfiguredTable(
                                                account,
                                                new ConfiguredTable.Configuration(
                                                        request.name(),
                                                        request.description(),
                                                        reference,
                                                        columns,
                                                        request.allowedColumns(),
                                                        enumOf(AnalysisMethod.class, request.analysisMethodAsString()),
                                                        ConfiguredTableShapes.enums(
                                                                SelectedAnalysisMethod.class,
                                                                request.hasSelectedAnalysisMethods(),
                                                                request.selectedAnalysisMethodsAsStrings())),
                                                request.hasTags() ? request.tags() : Map.of()),
                                        replyTo)));
        return answers.reply(
                created,
                table -> CreateConfiguredTableResponse.builder()
                        .configuredTable(ConfiguredTableShapes.configuredTable(table))
                        .build());
    }

    private Route getConfiguredTable(String account, GetConfiguredTableRequest request) {
        CompletionStage<ConfiguredTable.Active> found = resources
                .configuredTable(request.configuredTableIdentifier())
                .ask(replyTo -> new ConfiguredTable.Get(account, replyTo));
        return answers.reply(
                found,
                table -> GetConfiguredTableResponse.builder()
                        .configuredTable(ConfiguredTableShapes.configuredTable(table))
                        .build());
    }

    private Route listConfiguredTables(String account, ListConfiguredTablesRequest request) {
        Answers.PageRequest page =
                answers.pageRequest("ListConfiguredTables|" + account, request.maxResults(), request.nextToken());
        return answers.page(
                page,
                resources.afterWritesOf(account, () -> tables.listForOwner(account, page.after(), page.maxResults())),
                ConfiguredTableShapes::summary,
                (items, next) -> ListConfiguredTablesResponse.builder()
                        .configuredTableSummaries(items)
                        .nextToken(next)
                        .build());
    }

    private Route updateConfiguredTable(String account, UpdateConfiguredTableRequest request) {
        ConfiguredTable.TableReference reference = request.tableReference() == null
                ? null
                : ConfiguredTableShapes.tableReference(request.tableReference());
        CompletionStage<List<Column>> columns =
                reference == null ? CompletableFuture.completedFuture(null) : columnsOf(account, reference);
        CompletionStage<ConfiguredTable.Active> updated = columns.thenCompose(read -> resources
                .configuredTable(request.configuredTableIdentifier())
                .write(
                        account,
                        replyTo -> new ConfiguredTable.Update(
                                account,
                                request.name(),
                                request.description(),
                                reference,
                                read,
                                request.hasAllowedColumns() ? request.allowedColumns() : null,
                                enumOf(AnalysisMethod.class, request.analysisMethodAsString()),
                                ConfiguredTableShapes.enums(
                                        SelectedAnalysisMethod.class,
                                        request.hasSelectedAnalysisMethods(),
                                        request.selectedAnalysisMethodsAsStrings()),
                                replyTo)));
        return answers.reply(
                updated,
                table -> UpdateConfiguredTableResponse.builder()
                        .configuredTable(ConfiguredTableShapes.configuredTable(table))
                        .build());
    }

    private Route deleteConfiguredTable(String account, DeleteConfiguredTableRequest request) {
        return answers.noContent(resources
                .configuredTable(request.configuredTableIdentifier())
                .write(account, (ActorRef<StatusReply<Done>> replyTo) -> new ConfiguredTable.Delete(account, replyTo)));
    }

    private Route createAnalysisRule(String account, CreateConfiguredTableAnalysisRuleRequest request) {
        ConfiguredTable.Policy policy = ConfiguredTableShapes.policy(request.analysisRulePolicy());
        CompletionStage<ConfiguredTable.RuleView> created = resources
                .configuredTable(request.configuredTableIdentifier())
                .write(
                        account,
                        replyTo -> new ConfiguredTable.CreateAnalysisRule(
                                account,
                                enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString()),
                                policy,
                                replyTo));
        return answers.reply(
                created,
                rule -> CreateConfiguredTableAnalysisRuleResponse.builder()
                        .analysisRule(ConfiguredTableShapes.analysisRule(rule))
                        .build());
    }

    private Route getAnalysisRule(String account, GetConfiguredTableAnalysisRuleRequest request) {
        CompletionStage<ConfiguredTable.RuleView> found = resources
                .configuredTable(request.configuredTableIdentifier())
                .ask(replyTo -> new ConfiguredTable.GetAnalysisRule(
                        account, enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString()), replyTo));
        return answers.reply(
                found,
                rule -> GetConfiguredTableAnalysisRuleResponse.builder()
                        .analysisRule(ConfiguredTableShapes.analysisRule(rule))
                        .build());
    }

    private Route updateAnalysisRule(String account, UpdateConfiguredTableAnalysisRuleRequest request) {
        ConfiguredTable.Policy policy = ConfiguredTableShapes.policy(request.analysisRulePolicy());
        CompletionStage<ConfiguredTable.RuleView> updated = resources
                .configuredTable(request.configuredTableIdentifier())
                .write(
                        account,
                        replyTo -> new ConfiguredTable.UpdateAnalysisRule(
                                account,
                                enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString()),
                                policy,
                                replyTo));
        return answers.reply(
                updated,
                rule -> UpdateConfiguredTableAnalysisRuleResponse.builder()
                        .analysisRule(ConfiguredTableShapes.analysisRule(rule))
                        .build());
    }

    private Route deleteAnalysisRule(String account, DeleteConfiguredTableAnalysisRuleRequest request) {
        return answers.noContent(resources
                .configuredTable(request.configuredTableIdentifier())
                .write(
                        account,
                        (ActorRef<StatusReply<Done>> replyTo) -> new ConfiguredTable.DeleteAnalysisRule(
                                account, enumOf(AnalysisRuleType.class, request.analysisRuleTypeAsString()), replyTo)));
    }

    /** The table's columns as the catalog reads them from the caller's own files, off the request thread. */
    private CompletionStage<List<Column>> columnsOf(String account, ConfiguredTable.TableReference reference) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return catalog.columnsOf(account, reference.databaseName(), reference.tableName());
                    } catch (Rejection rejection) {
                        throw AwsError.of(rejection);
                    }
                },
                blocking);
    }

    /**
     * A rule request read into the SDK's class, which lacks some members of a CUSTOM policy: those are refused here
     * rather than dropped, so that a rule is stored exactly as asked or not at all.
     */
    private static <T extends SdkPojo> T ruleInput(JsonNode input, Supplier<? extends SdkBuilder<?, T>> request) {
        JsonNode custom = input.path("analysisRulePolicy").path("v1").path("custom");
        for (String member : UNSUPPORTED_CUSTOM_MEMBERS) {
            if (custom.has(member)) {
                throw AwsError.validation(member + " in a CUSTOM analysis rule is not supported yet");
            }
        }
        return ModelInput.read(input, request);
    }
}
