package dev.parley.http.athena;

import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.Configuration;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.actors.workgroup.WorkGroupState;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.SessionReadModel;
import dev.parley.persistence.WorkGroupReadModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.DeleteWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.DeleteWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.GetWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.GetWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsRequest;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultConfigurationUpdates;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.UpdateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.UpdateWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupConfigurationUpdates;

/** Work groups of the caller's account: each is its own entity; ListWorkGroups reads the read side. */
final class WorkGroupOperations {

    /** The WorkGroupConfiguration members Parley keeps; any other is refused rather than silently ignored. */
    private static final Set<String> CONFIGURATION = Set.of(
            "ResultConfiguration",
            "EngineVersion",
            "EnforceWorkGroupConfiguration",
            "PublishCloudWatchMetricsEnabled",
            "RequesterPaysEnabled",
            "ExecutionRole");

    private static final Set<String> CONFIGURATION_UPDATES = Set.of(
            "ResultConfigurationUpdates",
            "EngineVersion",
            "EnforceWorkGroupConfiguration",
            "PublishCloudWatchMetricsEnabled",
            "RequesterPaysEnabled",
            "ExecutionRole");

    private static final Set<String> RESULT_CONFIGURATION = Set.of("OutputLocation", "ExpectedBucketOwner");

    private static final Set<String> RESULT_CONFIGURATION_UPDATES =
            Set.of("OutputLocation", "ExpectedBucketOwner", "RemoveOutputLocation", "RemoveExpectedBucketOwner");

    static final String TERMINATED_WITH_WORK_GROUP = "Session was terminated because its work group was deleted";

    private final AthenaEntities entities;
    private final WorkGroupReadModel workGroups;
    private final SessionReadModel sessions;
    private final NotebookOperations notebooks;
    private final Answers answers;

    WorkGroupOperations(
            AthenaEntities entities,
            WorkGroupReadModel workGroups,
            SessionReadModel sessions,
            NotebookOperations notebooks,
            Answers answers) {
        this.entities = entities;
        this.notebooks = notebooks;
        this.workGroups = workGroups;
        this.sessions = sessions;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateWorkGroup", CreateWorkGroupRequest::builder, this::createWorkGroup)
                .serve("GetWorkGroup", GetWorkGroupRequest::builder, this::getWorkGroup)
                .serve("UpdateWorkGroup", UpdateWorkGroupRequest::builder, this::updateWorkGroup)
                .serve("DeleteWorkGroup", DeleteWorkGroupRequest::builder, this::deleteWorkGroup)
                .serve("ListWorkGroups", ListWorkGroupsRequest::builder, this::listWorkGroups);
    }

    private Route createWorkGroup(String account, CreateWorkGroupRequest request) {
        Configuration configuration = configuration(request.configuration());
        Map<String, String> tags = tagMap(request.tags());
        return answers.reply(
                entities.writeWorkGroup(
                        account,
                        request.name(),
                        (ActorRef<StatusReply<WorkGroup.Active>> replyTo) ->
                                new WorkGroup.Create(request.description(), configuration, tags, replyTo)),
                created -> CreateWorkGroupResponse.builder().build());
    }

    private Route getWorkGroup(String account, GetWorkGroupRequest request) {
        return answers.reply(
                entities.askWorkGroup(account, request.workGroup(), WorkGroup.Get::new, AthenaErrors::of),
                found -> GetWorkGroupResponse.builder()
                        .workGroup(AthenaOutputs.workGroup(found))
                        .build());
    }

    private Route updateWorkGroup(String account, UpdateWorkGroupRequest request) {
        Configuration.Updates updates = updates(request.configurationUpdates());
        WorkGroupState state = request.stateAsString() == null ? null : WorkGroupState.valueOf(request.stateAsString());
        return answers.reply(
                entities.writeWorkGroup(
                        account,
                        request.workGroup(),
                        (ActorRef<StatusReply<WorkGroup.Active>> replyTo) ->
                                new WorkGroup.Update(request.description(), state, updates, replyTo)),
                updated -> UpdateWorkGroupResponse.builder().build());
    }

    /**
     * A work group with live sessions is deleted only with RecursiveDeleteOption, which terminates them first (the
     * route asks each session, then the work group). The live sessions are read from the read side, after the
     * caller's own acknowledged writes.
     */
    private Route deleteWorkGroup(String account, DeleteWorkGroupRequest request) {
        String name = request.workGroup();
        boolean recursive = Boolean.TRUE.equals(request.recursiveDeleteOption());
        CompletionStage<Done> deleted = entities.askWorkGroup(account, name, WorkGroup.Get::new, AthenaErrors::of)
                .thenCompose(workGroup -> {
                    if (!workGroup.notebooks().isEmpty() && !recursive) {
                        throw AwsError.invalidRequest(
                                "WorkGroup " + name + " has "
                                        + workGroup.notebooks().size()
                                        + " notebooks; delete them or set RecursiveDeleteOption",
                                AthenaErrors.INVALID_STATE);
                    }
                    CompletionStage<Done> gone = CompletableFuture.completedFuture(Done.getInstance());
                    for (String notebookId : workGroup.notebooks().values()) {
                        gone = gone.thenCompose(done ->
                                notebooks.delete(account, notebookId).thenApply(notebook -> Done.getInstance()));
                    }
                    return gone;
                })
                .thenCompose(notebooksGone -> entities.afterWritesOf(account, () -> sessions.liveIn(account, name)))
                .thenCompose(live -> {
                    if (!live.isEmpty() && !recursive) {
                        throw AwsError.invalidRequest(
                                "WorkGroup " + name + " has " + live.size()
                                        + " live sessions; terminate them or set RecursiveDeleteOption",
                                AthenaErrors.INVALID_STATE);
                    }
                    CompletionStage<Done> terminated = CompletableFuture.completedFuture(Done.getInstance());
                    for (String sessionId : live) {
                        terminated = terminated.thenCompose(done -> entities.writeSession(
                                        account,
                                        sessionId,
                                        (ActorRef<StatusReply<Session.Active>> replyTo) ->
                                                new Session.Terminate(account, TERMINATED_WITH_WORK_GROUP, replyTo),
                                        AthenaErrors::of)
                                .thenApply(session -> Done.getInstance()));
                    }
                    return terminated;
                })
                .thenCompose(done -> entities.writeWorkGroup(
                        account, name, (ActorRef<StatusReply<Done>> replyTo) -> new WorkGroup.Delete(replyTo)));
        return answers.reply(deleted, done -> DeleteWorkGroupResponse.builder().build());
    }

    private Route listWorkGroups(String account, ListWorkGroupsRequest request) {
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers, "ListWorkGroups|" + account, request.maxResults(), request.nextToken());
        return answers.page(
                page,
                entities.afterWritesOf(
                        account, () -> workGroups.listForAccount(account, page.after(), page.maxResults())),
                AthenaOutputs::workGroupSummary,
                (items, next) -> ListWorkGroupsResponse.builder()
                        .workGroups(items)
                        .nextToken(next)
                        .build());
    }

    private static Configuration configuration(WorkGroupConfiguration configuration) {
        if (configuration == null) {
            return Configuration.defaults();
        }
        AthenaErrors.onlySupported(configuration, "Configuration", CONFIGURATION);
        ResultConfiguration result = configuration.resultConfiguration();
        AthenaErrors.onlySupported(result, "Configuration.ResultConfiguration", RESULT_CONFIGURATION);
        return AthenaErrors.checked(() -> new Configuration(
                result == null ? null : result.outputLocation(),
                result == null ? null : result.expectedBucketOwner(),
                configuration.engineVersion() == null
                        ? null
                        : configuration.engineVersion().selectedEngineVersion(),
                configuration.enforceWorkGroupConfiguration(),
                configuration.publishCloudWatchMetricsEnabled(),
                configuration.requesterPaysEnabled(),
                configuration.executionRole()));
    }

    private static Configuration.Updates updates(WorkGroupConfigurationUpdates updates) {
        if (updates == null) {
            return null;
        }
        AthenaErrors.onlySupported(updates, "ConfigurationUpdates", CONFIGURATION_UPDATES);
        ResultConfigurationUpdates result = updates.resultConfigurationUpdates();
        AthenaErrors.onlySupported(
                result, "ConfigurationUpdates.ResultConfigurationUpdates", RESULT_CONFIGURATION_UPDATES);
        return new Configuration.Updates(
                result == null ? null : result.outputLocation(),
                result != null && Boolean.TRUE.equals(result.removeOutputLocation()),
                result == null ? null : result.expectedBucketOwner(),
                result != null && Boolean.TRUE.equals(result.removeExpectedBucketOwner()),
                updates.engineVersion() == null ? null : updates.engineVersion().selectedEngineVersion(),
                updates.enforceWorkGroupConfiguration(),
                updates.publishCloudWatchMetricsEnabled(),
                updates.requesterPaysEnabled(),
                updates.executionRole());
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value() == null ? "" : tag.value()));
        return map;
    }
}
