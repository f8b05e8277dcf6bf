package dev.parley.http.cleanrooms;

import static dev.parley.http.cleanrooms.CleanRoomsRequests.enumOf;

import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.actors.analysistemplate.AnalysisTemplateSql;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Arns;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.membership.MembershipStatus;
import dev.parley.actors.shared.TableAssociation;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.AnalysisTemplateReadModel;
import dev.parley.persistence.AnalysisTemplateReadModel.AnalysisTemplateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisSchema;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisSource;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetCollaborationAnalysisTemplateError;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetCollaborationAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetCollaborationAnalysisTemplateResponse;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.CreateAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateAnalysisTemplateResponse;
import software.amazon.awssdk.services.cleanrooms.model.DeleteAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.ErrorMessageConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.GetAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetAnalysisTemplateResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationAnalysisTemplateResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListAnalysisTemplatesRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListAnalysisTemplatesResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListCollaborationAnalysisTemplatesRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListCollaborationAnalysisTemplatesResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateAnalysisTemplateResponse;

/**
 * Analysis templates. Creating one asks the membership (the caller's), then the collaboration for its associated
 * tables and each table for its allowed columns, validates the SQL against them on the engine (blocking dispatcher),
 * and asks the template entity, which checks that the membership is active and can query. Members read templates
 * through the collaboration, which says who is an active member. Lists come from the read table, after the caller's
 * own writes.
 */
final class AnalysisTemplateOperations {

    /** The template id at the end of an analysis template ARN. */
    private static final Pattern TEMPLATE_ID = Pattern.compile(".*:membership/[^/]+/analysistemplate/([^/]+)");

    private final Resources resources;
    private final AnalysisTemplateReadModel templates;
    private final Executor blocking;
    private final Answers answers;
    private final String region;

    AnalysisTemplateOperations(
            Resources resources,
            AnalysisTemplateReadModel templates,
            Executor blocking,
            Answers answers,
            String region) {
        this.resources = resources;
        this.templates = templates;
        this.blocking = blocking;
        this.answers = answers;
        this.region = region;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateAnalysisTemplate", CreateAnalysisTemplateRequest::builder, this::create)
                .serve("GetAnalysisTemplate", GetAnalysisTemplateRequest::builder, this::get)
                .serve("ListAnalysisTemplates", ListAnalysisTemplatesRequest::builder, this::list)
                .serve("UpdateAnalysisTemplate", UpdateAnalysisTemplateRequest::builder, this::update)
                .serve("DeleteAnalysisTemplate", DeleteAnalysisTemplateRequest::builder, this::delete)
                .serve(
                        "GetCollaborationAnalysisTemplate",
                        GetCollaborationAnalysisTemplateRequest::builder,
                        this::getInCollaboration)
                .serve(
                        "ListCollaborationAnalysisTemplates",
                        ListCollaborationAnalysisTemplatesRequest::builder,
                        this::listInCollaboration)
                .serve(
                        "BatchGetCollaborationAnalysisTemplate",
                        BatchGetCollaborationAnalysisTemplateRequest::builder,
                        this::batchGetInCollaboration);
    }

    private Route create(String account, CreateAnalysisTemplateRequest request) {
        if (request.syntheticDataParameters() != null) {
            throw AwsError.of(new Rejection.Invalid("syntheticDataParameters are not supported"));
        }
        AnalysisTemplate.AnalysisFormat format =
                enumOf(AnalysisTemplate.AnalysisFormat.class, request.formatAsString());
        String text = request.source().text();
        if (format == AnalysisTemplate.AnalysisFormat.SQL && text == null) {
            throw AwsError.of(new Rejection.Invalid("An SQL analysis template needs its SQL in source.text"));
        }
        List<AnalysisTemplate.AnalysisParameter> parameters = request.analysisParameters().stream()
                .map(parameter -> new AnalysisTemplate.AnalysisParameter(
                        parameter.name(),
                        enumOf(AnalysisTemplate.ParameterType.class, parameter.typeAsString()),
                        parameter.defaultValue()))
                .toList();
        String id = UUID.randomUUID().toString();
        CompletionStage<AnalysisTemplate.Active> created = resources
                .membership(request.membershipIdentifier())
                .ask((ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Get(account, replyTo))
                .thenCompose(membership -> schemas(account, membership.details().collaborationId())
                        .thenApplyAsync(
                                schemas -> {
                                    try {
                                        return AnalysisTemplateSql.referencedTables(format, text, parameters, schemas);
                                    } catch (Rejection rejection) {
                                        throw AwsError.of(rejection);
                                    }
                                },
                                blocking)
                        .thenCompose(referenced -> {
                            checkGivenSchema(request, referenced);
                            Membership.Details details = membership.details();
                            AnalysisTemplate.Template template = new AnalysisTemplate.Template(
                                    Arns.analysisTemplate(region, account, details.id(), id),
                                    request.name(),
                                    format,
                                    text,
                                    parameters,
                                    referenced,
                                    request.errorMessageConfiguration() == null
                                            ? null
                                            : request.errorMessageConfiguration()
                                                    .typeAsString(),
                                    account,
                                    details.id(),
                                    details.arn(),
                                    details.collaborationId(),
                                    details.collaborationArn(),
                                    request.tags(),
                                    Instant.now());
                            AnalysisTemplate.Creator creator = new AnalysisTemplate.Creator(
                                    details.accountId(),
                                    details.id(),
                                    membership.status() == MembershipStatus.ACTIVE,
                                    details.memberAbilities());
                            return resources
                                    .analysisTemplate(id)
                                    .write(
                                            account,
                                            (ActorRef<StatusReply<AnalysisTemplate.Active>> replyTo) ->
                                                    new AnalysisTemplate.Create(
                                                            account,
                                                            creator,
                                                            template,
                                                            request.description(),
                                                            replyTo));
                        }));
        return answers.reply(
                created,
                active -> CreateAnalysisTemplateResponse.builder()
                        .analysisTemplate(analysisTemplate(active))
                        .build());
    }

    /** A schema given with the template must name exactly the tables its SQL references. */
    private static void checkGivenSchema(CreateAnalysisTemplateRequest request, List<String> referenced) {
        if (request.schema() != null
                && request.schema().hasReferencedTables()
                && !Set.copyOf(request.schema().referencedTables()).equals(Set.copyOf(referenced))) {
            throw AwsError.of(new Rejection.Invalid("schema.referencedTables "
                    + request.schema().referencedTables() + " are not the tables the SQL references: " + referenced));
        }
    }

    /** The collaboration's schemas (association name to allowed columns), if the caller may read them. */
    private CompletionStage<Map<String, List<Column>>> schemas(String account, String collaborationId) {
        return resources
                .collaboration(collaborationId)
                .ask((ActorRef<StatusReply<Collaboration.Associations>> replyTo) ->
                        new Collaboration.ListAssociations(account, replyTo))
                .thenCompose(associations -> {
                    List<TableAssociation> all = associations.associations();
                    List<CompletableFuture<ConfiguredTable.Active>> tables = all.stream()
                            .map(association -> resources
                                    .configuredTable(association.configuredTableId())
                                    .ask((ActorRef<StatusReply<ConfiguredTable.Active>> replyTo) ->
                                            new ConfiguredTable.DescribeAssociated(
                                                    association.associationId(), replyTo))
                                    .toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(tables.toArray(CompletableFuture[]::new))
                            .thenApply(done -> {
                                Map<String, List<Column>> schemas = new LinkedHashMap<>();
                                for (int i = 0; i < all.size(); i++) {
                                    ConfiguredTable.Configuration configuration =
                                            tables.get(i).join().configuration();
                                    schemas.put(
                                            all.get(i).name(),
                                            configuration.columns().stream()
                                                    .filter(column -> configuration
                                                            .allowedColumns()
                                                            .contains(column.name()))
                                                    .toList());
                                }
                                return schemas;
                            });
                });
    }

    private Route get(String account, GetAnalysisTemplateRequest request) {
        return answers.reply(
                resources
                        .analysisTemplate(request.analysisTemplateIdentifier())
                        .ask((ActorRef<StatusReply<AnalysisTemplate.Active>> replyTo) ->
                                new AnalysisTemplate.Get(account, request.membershipIdentifier(), replyTo)),
                active -> GetAnalysisTemplateResponse.builder()
                        .analysisTemplate(analysisTemplate(active))
                        .build());
    }

    private Route update(String account, UpdateAnalysisTemplateRequest request) {
        return answers.reply(
                resources
                        .analysisTemplate(request.analysisTemplateIdentifier())
                        .write(
                                account,
                                (ActorRef<StatusReply<AnalysisTemplate.Active>> replyTo) -> new AnalysisTemplate.Update(
                                        account, request.membershipIdentifier(), request.description(), replyTo)),
                active -> UpdateAnalysisTemplateResponse.builder()
                        .analysisTemplate(analysisTemplate(active))
                        .build());
    }

    private Route delete(String account, DeleteAnalysisTemplateRequest request) {
        return answers.noContent(resources
                .analysisTemplate(request.analysisTemplateIdentifier())
                .write(
                        account,
                        (ActorRef<StatusReply<AnalysisTemplate.Active>> replyTo) ->
                                new AnalysisTemplate.Delete(account, request.membershipIdentifier(), replyTo)));
    }

    /** The membership's own templates, for the membership's account. */
    private Route list(String account, ListAnalysisTemplatesRequest request) {
        String membershipId = request.membershipIdentifier();
        Answers.PageRequest page = answers.pageRequest(
                "ListAnalysisTemplates|" + account + "|" + membershipId, request.maxResults(), request.nextToken());
        return answers.page(
                page,
                resources
                        .membership(membershipId)
                        .ask((ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Get(account, replyTo))
                        .thenCompose(membership -> resources.afterWritesOf(
                                account,
                                () -> templates.listForMembership(membershipId, page.after(), page.maxResults()))),
                AnalysisTemplateOperations::summary,
                (items, next) -> ListAnalysisTemplatesResponse.builder()
                        .analysisTemplateSummaries(items)
                        .nextToken(next)
                        .build());
    }

    private Route getInCollaboration(String account, GetCollaborationAnalysisTemplateRequest request) {
        String collaborationId = request.collaborationIdentifier();
        return answers.reply(
                readableBy(account, collaborationId)
                        .thenCompose(readable -> inCollaboration(collaborationId, request.analysisTemplateArn())),
                active -> GetCollaborationAnalysisTemplateResponse.builder()
                        .collaborationAnalysisTemplate(collaborationAnalysisTemplate(active))
                        .build());
    }

    private Route listInCollaboration(String account, ListCollaborationAnalysisTemplatesRequest request) {
        String collaborationId = request.collaborationIdentifier();
        Answers.PageRequest page = answers.pageRequest(
                "ListCollaborationAnalysisTemplates|" + account + "|" + collaborationId,
                request.maxResults(),
                request.nextToken());
        return answers.page(
                page,
                readableBy(account, collaborationId)
                        .thenCompose(readable -> resources.afterWritesOf(
                                account,
                                () -> templates.listForCollaboration(
                                        collaborationId, page.after(), page.maxResults()))),
                AnalysisTemplateOperations::collaborationSummary,
                (items, next) -> ListCollaborationAnalysisTemplatesResponse.builder()
                        .collaborationAnalysisTemplateSummaries(items)
                        .nextToken(next)
                        .build());
    }

    private Route batchGetInCollaboration(String account, BatchGetCollaborationAnalysisTemplateRequest request) {
        String collaborationId = request.collaborationIdentifier();
        CompletionStage<BatchGetCollaborationAnalysisTemplateResponse> batch = readableBy(account, collaborationId)
                .thenCompose(readable -> {
                    List<CompletableFuture<Object>> each = request.analysisTemplateArns().stream()
                            .map(arn -> inCollaboration(collaborationId, arn)
                                    .<Object>thenApply(AnalysisTemplateOperations::collaborationAnalysisTemplate)
                                    .exceptionally(failure -> error(arn, failure))
                                    .toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                            .thenApply(done -> {
                                List<CollaborationAnalysisTemplate> found = new ArrayList<>();
                                List<BatchGetCollaborationAnalysisTemplateError> errors = new ArrayList<>();
                                for (CompletableFuture<Object> one : each) {
                                    if (one.join() instanceof CollaborationAnalysisTemplate template) {
                                        found.add(template);
                                    } else {
                                        errors.add((BatchGetCollaborationAnalysisTemplateError) one.join());
                                    }
                                }
                                return BatchGetCollaborationAnalysisTemplateResponse.builder()
                                        .collaborationAnalysisTemplates(found)
                                        .errors(errors)
                                        .build();
                            });
                });
        return answers.reply(batch, response -> response);
    }

    /** Why one template of a batch is missing; anything but a refusal fails the whole request. */
    private static BatchGetCollaborationAnalysisTemplateError error(String arn, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof AwsError error)) {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return BatchGetCollaborationAnalysisTemplateError.builder()
                .arn(arn)
                .code(error.errorType())
                .message(error.getMessage())
                .build();
    }

    /** Completes if the caller is the collaboration's creator or an active member (as for its schemas). */
    private CompletionStage<Collaboration.Associations> readableBy(String account, String collaborationId) {
        return resources
                .collaboration(collaborationId)
                .ask((ActorRef<StatusReply<Collaboration.Associations>> replyTo) ->
                        new Collaboration.ListAssociations(account, replyTo));
    }

    /** The template an ARN names, if it is that template's ARN and the template is in the collaboration. */
    private CompletionStage<AnalysisTemplate.Active> inCollaboration(String collaborationId, String arn) {
        Matcher matcher = TEMPLATE_ID.matcher(arn);
        if (!matcher.matches()) {
            return CompletableFuture.failedFuture(notFound(arn));
        }
        return resources
                .analysisTemplate(matcher.group(1))
                .ask((ActorRef<StatusReply<AnalysisTemplate.Active>> replyTo) ->
                        new AnalysisTemplate.DescribeInCollaboration(collaborationId, replyTo))
                .thenApply(active -> {
                    if (!active.template().arn().equals(arn)) {
                        throw notFound(arn);
                    }
                    return active;
                });
    }

    private static AwsError notFound(String arn) {
        return AwsError.of(new Rejection.NotFound("No analysis template " + arn + " in this collaboration"))
                .with("resourceId", arn)
                .with("resourceType", "ANALYSIS_TEMPLATE");
    }

    private static software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate analysisTemplate(
            AnalysisTemplate.Active active) {
        AnalysisTemplate.Template template = active.template();
        return software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate.builder()
                .id(active.id())
                .arn(template.arn())
                .collaborationId(template.collaborationId())
                .collaborationArn(template.collaborationArn())
                .membershipId(template.membershipId())
                .membershipArn(template.membershipArn())
                .name(template.name())
                .description(active.description())
                .createTime(template.createTime())
                .updateTime(active.updateTime())
                .schema(schema(template))
                .format(template.format().name())
                .source(source(template))
                .analysisParameters(parameters(template))
                .errorMessageConfiguration(errorMessageConfiguration(template))
                .build();
    }

    private static CollaborationAnalysisTemplate collaborationAnalysisTemplate(AnalysisTemplate.Active active) {
        AnalysisTemplate.Template template = active.template();
        return CollaborationAnalysisTemplate.builder()
                .id(active.id())
                .arn(template.arn())
                .collaborationId(template.collaborationId())
                .collaborationArn(template.collaborationArn())
                .creatorAccountId(template.creatorAccountId())
                .name(template.name())
                .description(active.description())
                .createTime(template.createTime())
                .updateTime(active.updateTime())
                .schema(schema(template))
                .format(template.format().name())
                .source(source(template))
                .analysisParameters(parameters(template))
                .errorMessageConfiguration(errorMessageConfiguration(template))
                .build();
    }

    private static AnalysisSchema schema(AnalysisTemplate.Template template) {
        return AnalysisSchema.builder()
                .referencedTables(template.referencedTables())
                .build();
    }

    private static AnalysisSource source(AnalysisTemplate.Template template) {
        return AnalysisSource.builder().text(template.text()).build();
    }

    private static List<AnalysisParameter> parameters(AnalysisTemplate.Template template) {
        return template.analysisParameters().stream()
                .map(parameter -> AnalysisParameter.builder()
                        .name(parameter.name())
                        .type(parameter.type().name())
                        .defaultValue(parameter.defaultValue())
                        .build())
                .toList();
    }

    private static ErrorMessageConfiguration errorMessageConfiguration(AnalysisTemplate.Template template) {
        return template.errorMessageType() == null
                ? null
                : ErrorMessageConfiguration.builder()
                        .type(template.errorMessageType())
                        .build();
    }

    private static AnalysisTemplateSummary summary(AnalysisTemplateRow row) {
        return AnalysisTemplateSummary.builder()
                .id(row.id())
                .arn(row.arn())
                .name(row.name())
                .description(row.description())
                .membershipId(row.membershipId())
                .membershipArn(row.membershipArn())
                .collaborationId(row.collaborationId())
                .collaborationArn(row.collaborationArn())
                .createTime(Instant.ofEpochMilli(row.createTime()))
                .updateTime(Instant.ofEpochMilli(row.updateTime()))
                .build();
    }

    private static CollaborationAnalysisTemplateSummary collaborationSummary(AnalysisTemplateRow row) {
        return CollaborationAnalysisTemplateSummary.builder()
                .id(row.id())
                .arn(row.arn())
                .name(row.name())
                .description(row.description())
                .creatorAccountId(row.creatorAccountId())
                .collaborationId(row.collaborationId())
                .collaborationArn(row.collaborationArn())
                .createTime(Instant.ofEpochMilli(row.createTime()))
                .updateTime(Instant.ofEpochMilli(row.updateTime()))
                .build();
    }
}
