package dev.parley.http.cleanrooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.ServedOperations;
import dev.parley.http.wire.model.ModelInput;
import dev.parley.persistence.MembershipReadModel;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.CreateMembershipRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateMembershipResponse;
import software.amazon.awssdk.services.cleanrooms.model.DeleteMembershipRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetMembershipRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetMembershipResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListMembershipsRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListMembershipsResponse;
import software.amazon.awssdk.services.cleanrooms.model.MembershipPaymentConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.UpdateMembershipRequest;
import software.amazon.awssdk.services.cleanrooms.model.UpdateMembershipResponse;

/**
 * Memberships: joining and leaving ask the collaboration and the membership in turn (the conversations between them
 * are the backstop), the rest asks the membership; ListMemberships reads the read side.
 */
final class MembershipOperations {

    private final Resources resources;
    private final MembershipReadModel memberships;
    private final Answers answers;

    MembershipOperations(Resources resources, MembershipReadModel memberships, Answers answers) {
        this.resources = resources;
        this.memberships = memberships;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateMembership", CreateMembershipRequest::builder, this::createMembership)
                .serve("GetMembership", GetMembershipRequest::builder, this::getMembership)
                .serve("ListMemberships", ListMembershipsRequest::builder, this::listMemberships)
                .serveBeyondSdk("UpdateMembership", MembershipUpdate::read, this::updateMembership)
                .serve("DeleteMembership", DeleteMembershipRequest::builder, this::deleteMembership);
    }

    private Route createMembership(String account, CreateMembershipRequest request) {
        MembershipSettings settings = CleanRoomsRequests.createMembership(request);
        String membershipId = UUID.randomUUID().toString();
        // The collaboration records the join, then the membership is made from it; should this route not get that
        // far, the conversation from collaborations to memberships makes it.
        CompletionStage<Membership.Active> created = resources
                .collaboration(request.collaborationIdentifier())
                .write(
                        account,
                        (ActorRef<StatusReply<JoinedMember>> replyTo) ->
                                new Collaboration.Join(account, membershipId, settings, replyTo))
                .thenCompose(joined -> resources
                        .membership(joined.membershipId())
                        .write(account, replyTo -> new Membership.Create(joined, replyTo)));
        return answers.reply(
                created,
                view -> CreateMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    private Route getMembership(String account, GetMembershipRequest request) {
        CompletionStage<Membership.Active> found = resources
                .membership(request.membershipIdentifier())
                .ask(replyTo -> new Membership.Get(account, replyTo));
        return answers.reply(
                found,
                view -> GetMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    /** UpdateMembership's input as the model has it: the SDK's request class lacks membershipPaymentConfiguration. */
    record MembershipUpdate(UpdateMembershipRequest request, MembershipPaymentConfiguration payment) {
        static MembershipUpdate read(JsonNode input) {
            JsonNode payment = input.get("membershipPaymentConfiguration");
            return new MembershipUpdate(
                    ModelInput.read(input, UpdateMembershipRequest::builder),
                    payment == null ? null : ModelInput.read(payment, MembershipPaymentConfiguration::builder));
        }
    }

    private Route updateMembership(String account, MembershipUpdate update) {
        CleanRoomsRequests.MembershipChanges changes = CleanRoomsRequests.updateMembership(update);
        CompletionStage<Membership.Active> updated = resources
                .membership(update.request().membershipIdentifier())
                .write(
                        account,
                        replyTo -> new Membership.Update(
                                account,
                                changes.queryLogStatus(),
                                changes.defaultResultConfiguration(),
                                changes.paysForQueryCompute(),
                                replyTo));
        return answers.reply(
                updated,
                view -> UpdateMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    /**
     * The membership records the leave, then the collaboration; should this route not get that far, the conversation
     * from memberships to collaborations tells it.
     */
    private Route deleteMembership(String account, DeleteMembershipRequest request) {
        CompletionStage<Done> left = resources
                .membership(request.membershipIdentifier())
                .write(
                        account,
                        (ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Leave(account, replyTo))
                .thenCompose(membership -> resources
                        .collaboration(membership.details().collaborationId())
                        .write(
                                account,
                                (ActorRef<StatusReply<Done>> replyTo) ->
                                        new Collaboration.MemberLeft(account, replyTo)));
        return answers.noContent(left);
    }

    private Route listMemberships(String account, ListMembershipsRequest request) {
        Optional<String> filter = Optional.ofNullable(request.statusAsString());
        Answers.PageRequest page = answers.pageRequest(
                "ListMemberships|" + account + "|" + filter.orElse(""), request.maxResults(), request.nextToken());
        return answers.page(
                page,
                resources.afterWritesOf(
                        account, () -> memberships.listForAccount(account, filter, page.after(), page.maxResults())),
                CleanRoomsOutputs::membershipSummary,
                (items, next) -> ListMembershipsResponse.builder()
                        .membershipSummaries(items)
                        .nextToken(next)
                        .build());
    }
}
