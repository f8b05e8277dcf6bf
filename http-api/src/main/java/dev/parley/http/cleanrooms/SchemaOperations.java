package dev.parley.http.cleanrooms;

import static dev.parley.http.cleanrooms.CleanRoomsRequests.enumOf;

import dev.parley.actors.catalog.Column;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.shared.AnalysisRuleType;
import dev.parley.actors.shared.TableAssociation;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaAnalysisRuleError;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaError;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaRequest;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetSchemaResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetSchemaAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetSchemaAnalysisRuleResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetSchemaRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetSchemaResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListSchemasRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListSchemasResponse;
import software.amazon.awssdk.services.cleanrooms.model.Schema;
import software.amazon.awssdk.services.cleanrooms.model.SchemaAnalysisRuleRequest;
import software.amazon.awssdk.services.cleanrooms.model.SchemaStatusDetail;
import software.amazon.awssdk.services.cleanrooms.model.SchemaSummary;

/**
 * A collaboration's schemas: one per associated table, readable by the creator and every active member. The
 * collaboration says which tables are associated under which names (and who may read them); each table describes
 * itself, its allowed columns and its rules, only for an association it has.
 */
final class SchemaOperations {

    /** The only kind of schema Parley has: tables associated by members. */
    private static final String TABLE = "TABLE";

    private final Resources resources;
    private final Answers answers;

    SchemaOperations(Resources resources, Answers answers) {
        this.resources = resources;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("ListSchemas", ListSchemasRequest::builder, this::listSchemas)
                .serve("GetSchema", GetSchemaRequest::builder, this::getSchema)
                .serve("BatchGetSchema", BatchGetSchemaRequest::builder, this::batchGetSchema)
                .serve("GetSchemaAnalysisRule", GetSchemaAnalysisRuleRequest::builder, this::getSchemaAnalysisRule)
                .serve(
                        "BatchGetSchemaAnalysisRule",
                        BatchGetSchemaAnalysisRuleRequest::builder,
                        this::batchGetSchemaAnalysisRule);
    }

    /** An associated table and the table itself, as one schema. */
    private record Described(TableAssociation association, ConfiguredTable.Active table) {}

    private Route listSchemas(String account, ListSchemasRequest request) {
        String id = request.collaborationIdentifier();
        String type = request.schemaTypeAsString();
        Answers.PageRequest page = answers.pageRequest(
                "ListSchemas|" + account + "|" + id + "|" + type, request.maxResults(), request.nextToken());
        CompletionStage<Page<Described>> listed = associations(account, id)
                .thenCompose(associations -> describeAll(type == null || type.equals(TABLE) ? associations : List.of()))
                .thenApply(all -> Page.of(
                        all,
                        page.after(),
                        page.maxResults(),
                        described -> new Cursor(
                                described.association().createTime().toEpochMilli(),
                                described.association().name())));
        return answers.page(
                page,
                listed,
                SchemaOperations::summary,
                (items, next) -> ListSchemasResponse.builder()
                        .schemaSummaries(items)
                        .nextToken(next)
                        .build());
    }

    private Route getSchema(String account, GetSchemaRequest request) {
        return answers.reply(
                associations(account, request.collaborationIdentifier())
                        .thenCompose(associations -> describe(
                                named(associations, request.name()).orElseThrow(() -> noSchema(request.name())))),
                described ->
                        GetSchemaResponse.builder().schema(schema(described)).build());
    }

    private Route batchGetSchema(String account, BatchGetSchemaRequest request) {
        CompletionStage<BatchGetSchemaResponse> batch = associations(account, request.collaborationIdentifier())
                .thenCompose(associations -> {
                    List<BatchGetSchemaError> errors = new ArrayList<>();
                    List<TableAssociation> found = new ArrayList<>();
                    for (String name : request.names()) {
                        named(associations, name)
                                .ifPresentOrElse(
                                        found::add,
                                        () -> errors.add(BatchGetSchemaError.builder()
                                                .name(name)
                                                .code("ResourceNotFoundException")
                                                .message(noSchema(name).getMessage())
                                                .build()));
                    }
                    return describeAll(found)
                            .thenApply(described -> BatchGetSchemaResponse.builder()
                                    .schemas(described.stream()
                                            .map(SchemaOperations::schema)
                                            .toList())
                                    .errors(errors)
                                    .build());
                });
        return answers.reply(batch, response -> response);
    }

    private Route getSchemaAnalysisRule(String account, GetSchemaAnalysisRuleRequest request) {
        AnalysisRuleType type = enumOf(AnalysisRuleType.class, request.typeAsString());
        return answers.reply(
                associations(account, request.collaborationIdentifier())
                        .thenCompose(associations -> describe(
                                named(associations, request.name()).orElseThrow(() -> noSchema(request.name()))))
                        .thenApply(described ->
                                analysisRule(described, type).orElseThrow(() -> noRule(request.name(), type))),
                rule -> GetSchemaAnalysisRuleResponse.builder()
                        .analysisRule(rule)
                        .build());
    }

    private Route batchGetSchemaAnalysisRule(String account, BatchGetSchemaAnalysisRuleRequest request) {
        CompletionStage<BatchGetSchemaAnalysisRuleResponse> batch = associations(
                        account, request.collaborationIdentifier())
                .thenCompose(associations -> describeAll(associations).thenApply(described -> {
                    List<AnalysisRule> rules = new ArrayList<>();
                    List<BatchGetSchemaAnalysisRuleError> errors = new ArrayList<>();
                    for (SchemaAnalysisRuleRequest wanted : request.schemaAnalysisRuleRequests()) {
                        AnalysisRuleType type = enumOf(AnalysisRuleType.class, wanted.typeAsString());
                        Optional<AnalysisRule> rule = described.stream()
                                .filter(schema -> schema.association().name().equals(wanted.name()))
                                .findFirst()
                                .flatMap(schema -> analysisRule(schema, type));
                        rule.ifPresentOrElse(
                                rules::add,
                                () -> errors.add(BatchGetSchemaAnalysisRuleError.builder()
                                        .name(wanted.name())
                                        .type(wanted.typeAsString())
                                        .code("ResourceNotFoundException")
                                        .message(noRule(wanted.name(), type).getMessage())
                                        .build()));
                    }
                    return BatchGetSchemaAnalysisRuleResponse.builder()
                            .analysisRules(rules)
                            .errors(errors)
                            .build();
                }));
        return answers.reply(batch, response -> response);
    }

    /** The collaboration's associated tables, if the caller may read its schemas. */
    private CompletionStage<List<TableAssociation>> associations(String account, String collaborationId) {
        return resources
                .collaboration(collaborationId)
                .ask((ActorRef<StatusReply<Collaboration.Associations>> replyTo) ->
                        new Collaboration.ListAssociations(account, replyTo))
                .thenApply(Collaboration.Associations::associations);
    }

    private static Optional<TableAssociation> named(List<TableAssociation> associations, String name) {
        return associations.stream()
                .filter(association -> association.name().equals(name))
                .findFirst();
    }

    private CompletionStage<Described> describe(TableAssociation association) {
        return resources
                .configuredTable(association.configuredTableId())
                .ask((ActorRef<StatusReply<ConfiguredTable.Active>> replyTo) ->
                        new ConfiguredTable.DescribeAssociated(association.associationId(), replyTo))
                .thenApply(table -> new Described(association, table));
    }

    private CompletionStage<List<Described>> describeAll(List<TableAssociation> associations) {
        List<CompletableFuture<Described>> described = associations.stream()
                .map(association -> describe(association).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> described.stream().map(CompletableFuture::join).toList());
    }

    private static AwsError noSchema(String name) {
        return AwsError.of(new Rejection.NotFound("No table is associated as " + name + " in this collaboration"))
                .with("resourceId", name)
                .with("resourceType", "SCHEMA");
    }

    private static AwsError noRule(String name, AnalysisRuleType type) {
        return AwsError.of(new Rejection.NotFound("Schema " + name + " has no " + type + " analysis rule"))
                .with("resourceId", name)
                .with("resourceType", "ANALYSIS_RULE");
    }

    private static Schema schema(Described described) {
        TableAssociation association = described.association();
        ConfiguredTable.Active table = described.table();
        ConfiguredTable.Configuration configuration = table.configuration();
        return Schema.builder()
                .name(association.name())
                .type(TABLE)
                .description(association.description() == null ? "" : association.description())
                .creatorAccountId(association.ownerAccountId())
                .collaborationId(association.collaborationId())
                .collaborationArn(association.collaborationArn())
                .columns(configuration.columns().stream()
                        .filter(column -> configuration.allowedColumns().contains(column.name()))
                        .map(SchemaOperations::column)
                        .toList())
                .partitionKeys(List.of())
                .analysisRuleTypesWithStrings(ruleTypes(table))
                .analysisMethod(configuration.analysisMethod().name())
                .schemaStatusDetails(statusDetails(table))
                .createTime(association.createTime())
                .updateTime(latest(association, table))
                .build();
    }

    private static SchemaSummary summary(Described described) {
        TableAssociation association = described.association();
        ConfiguredTable.Active table = described.table();
        return SchemaSummary.builder()
                .name(association.name())
                .type(TABLE)
                .creatorAccountId(association.ownerAccountId())
                .collaborationId(association.collaborationId())
                .collaborationArn(association.collaborationArn())
                .analysisRuleTypesWithStrings(ruleTypes(table))
                .analysisMethod(table.configuration().analysisMethod().name())
                .createTime(association.createTime())
                .updateTime(latest(association, table))
                .build();
    }

    private static java.time.Instant latest(TableAssociation association, ConfiguredTable.Active table) {
        return table.updateTime().isAfter(association.createTime()) ? table.updateTime() : association.createTime();
    }

    private static software.amazon.awssdk.services.cleanrooms.model.Column column(Column column) {
        return software.amazon.awssdk.services.cleanrooms.model.Column.builder()
                .name(column.name())
                .type(column.type())
                .build();
    }

    private static List<String> ruleTypes(ConfiguredTable.Active table) {
        return table.analysisRuleTypes().stream().map(Enum::name).toList();
    }

    /** Ready for each kind of analysis the table's rules allow; not ready, saying why, when it has none. */
    private static List<SchemaStatusDetail> statusDetails(ConfiguredTable.Active table) {
        if (table.analysisRuleTypes().isEmpty()) {
            return List.of(SchemaStatusDetail.builder()
                    .status("NOT_READY")
                    .analysisType("DIRECT_ANALYSIS")
                    .reasons(reason ->
                            reason.code("ANALYSIS_RULE_MISSING").message("The configured table has no analysis rule"))
                    .build());
        }
        return table.analysisRuleTypes().stream()
                .map(type -> SchemaStatusDetail.builder()
                        .status("READY")
                        .analysisRuleType(type.name())
                        .analysisType("DIRECT_ANALYSIS")
                        .build())
                .toList();
    }

    private static Optional<AnalysisRule> analysisRule(Described described, AnalysisRuleType type) {
        ConfiguredTable.AnalysisRule rule = described.table().rules().get(type);
        if (rule == null) {
            return Optional.empty();
        }
        return Optional.of(AnalysisRule.builder()
                .collaborationId(described.association().collaborationId())
                .name(described.association().name())
                .type(type.name())
                .policy(ConfiguredTableShapes.schemaPolicy(rule.policy()))
                .createTime(rule.createTime())
                .updateTime(rule.updateTime())
                .build());
    }
}
