package dev.parley.http.cleanrooms;

import dev.parley.actors.collaboration.AnalyticsEngine;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.CollaborationReadModel;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationResponse;
import software.amazon.awssdk.services.cleanrooms.model.DeleteCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.DeleteMemberRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListCollaborationsRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListCollaborationsResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListMembersRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListMembersResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateCollaborationResponse;

/** Collaborations and their members: the collaboration entity answers, ListCollaborations reads the read side. */
final class CollaborationOperations {

    private final Resources resources;
    private final CollaborationReadModel collaborations;
    private final Answers answers;

    CollaborationOperations(Resources resources, CollaborationReadModel collaborations, Answers answers) {
        this.resources = resources;
        this.collaborations = collaborations;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateCollaboration", CreateCollaborationRequest::builder, this::createCollaboration)
                .serve("GetCollaboration", GetCollaborationRequest::builder, this::getCollaboration)
                .serve("ListCollaborations", ListCollaborationsRequest::builder, this::listCollaborations)
                .serve("UpdateCollaboration", UpdateCollaborationRequest::builder, this::updateCollaboration)
                .serve("DeleteCollaboration", DeleteCollaborationRequest::builder, this::deleteCollaboration)
                .serve("ListMembers", ListMembersRequest::builder, this::listMembers)
                .serve("DeleteMember", DeleteMemberRequest::builder, this::deleteMember);
    }

    private Route createCollaboration(String account, CreateCollaborationRequest request) {
        Collaboration.NewCollaboration collaboration = CleanRoomsRequests.createCollaboration(account, request);
        CompletionStage<Collaboration.View> created = resources
                .collaboration(UUID.randomUUID().toString())
                .write(account, replyTo -> new Collaboration.Create(collaboration, replyTo));
        return answers.reply(
                created,
                view -> CreateCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route getCollaboration(String account, GetCollaborationRequest request) {
        CompletionStage<Collaboration.View> found = resources
                .collaboration(request.collaborationIdentifier())
                .ask(replyTo -> new Collaboration.Get(account, replyTo));
        return answers.reply(
                found,
                view -> GetCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route updateCollaboration(String account, UpdateCollaborationRequest request) {
        AnalyticsEngine engine = CleanRoomsRequests.enumOf(AnalyticsEngine.class, request.analyticsEngineAsString());
        CompletionStage<Collaboration.View> updated = resources
                .collaboration(request.collaborationIdentifier())
                .write(
                        account,
                        replyTo -> new Collaboration.Update(
                                account, request.name(), request.description(), engine, replyTo));
        return answers.reply(
                updated,
                view -> UpdateCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route deleteCollaboration(String account, DeleteCollaborationRequest request) {
        CompletionStage<Done> deleted = resources
                .collaboration(request.collaborationIdentifier())
                .write(account, replyTo -> new Collaboration.Delete(account, replyTo));
        return answers.noContent(deleted);
    }

    private Route deleteMember(String account, DeleteMemberRequest request) {
        CompletionStage<Done> removed = resources
                .collaboration(request.collaborationIdentifier())
                .write(account, replyTo -> new Collaboration.RemoveMember(account, request.accountId(), replyTo));
        return answers.noContent(removed);
    }

    private Route listCollaborations(String account, ListCollaborationsRequest request) {
        List<String> statuses = request.memberStatusAsString() != null
                ? List.of(request.memberStatusAsString())
                : List.of(MemberStatus.INVITED.name(), MemberStatus.ACTIVE.name());
        Answers.PageRequest page = answers.pageRequest(
                "ListCollaborations|" + account + "|" + statuses, request.maxResults(), request.nextToken());
        return answers.page(
                page,
                resources.afterWritesOf(
                        account,
                        () -> collaborations.listForAccount(account, statuses, page.after(), page.maxResults())),
                CleanRoomsOutputs::collaborationSummary,
                (items, next) -> ListCollaborationsResponse.builder()
                        .collaborationList(items)
                        .nextToken(next)
                        .build());
    }

    /** Served from the collaboration itself, so a member who just joined or left shows at once. */
    private Route listMembers(String account, ListMembersRequest request) {
        String id = request.collaborationIdentifier();
        Answers.PageRequest page =
                answers.pageRequest("ListMembers|" + account + "|" + id, request.maxResults(), request.nextToken());
        CompletionStage<Page<Collaboration.ListedMember>> members = resources
                .collaboration(id)
                .ask((ActorRef<StatusReply<Collaboration.MemberListing>> replyTo) ->
                        new Collaboration.ListMembers(account, replyTo))
                .thenApply(listing -> Page.of(
                        listing.members(),
                        page.after(),
                        page.maxResults(),
                        listed -> new Cursor(
                                listed.member().createTime().toEpochMilli(),
                                listed.member().accountId())));
        return answers.page(
                page,
                members,
                CleanRoomsOutputs::memberSummary,
                (items, next) -> ListMembersResponse.builder()
                        .memberSummaries(items)
                        .nextToken(next)
                        .build());
    }
}
