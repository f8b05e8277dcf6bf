package dev.parley.http.cleanrooms;

import dev.parley.actors.Domain;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.http.auth.Caller;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.Constraints;
import dev.parley.http.wire.JsonInput;
import dev.parley.http.wire.PaginationTokens;
import dev.parley.http.wire.model.ModelJson;
import dev.parley.persistence.CollaborationReadModel;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.MembershipReadModel;
import dev.parley.persistence.Page;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationResponse;
import software.amazon.awssdk.services.cleanrooms.model.CreateMembershipResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationResponse;
import software.amazon.awssdk.services.cleanrooms.model.GetMembershipResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListCollaborationsResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListMembersResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListMembershipsResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.TagResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.UntagResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateCollaborationResponse;
import software.amazon.awssdk.services.cleanrooms.model.UpdateMembershipResponse;

/**
 * The Clean Rooms restJson1 operations for collaborations, members, memberships and tags.
 * Each route reads the wire request, asks an entity or a read model, and writes the wire reply.
 */
public final class CleanRoomsRoutes extends AllDirectives {

    /** What one operation does with its validated input: the only code an operation adds to the wire layer. */
    @FunctionalInterface
    private interface OperationHandler {
        Route handle(CleanRoomsRoutes routes, String account, JsonInput input);
    }

    private static final Map<String, OperationHandler> OPERATIONS = Map.ofEntries(
            Map.entry("CreateCollaboration", CleanRoomsRoutes::createCollaboration),
            Map.entry("GetCollaboration", CleanRoomsRoutes::getCollaboration),
            Map.entry("ListCollaborations", CleanRoomsRoutes::listCollaborations),
            Map.entry("UpdateCollaboration", CleanRoomsRoutes::updateCollaboration),
            Map.entry("DeleteCollaboration", CleanRoomsRoutes::deleteCollaboration),
            Map.entry("ListMembers", CleanRoomsRoutes::listMembers),
            Map.entry("DeleteMember", CleanRoomsRoutes::deleteMember),
            Map.entry("CreateMembership", CleanRoomsRoutes::createMembership),
            Map.entry("GetMembership", CleanRoomsRoutes::getMembership),
            Map.entry("ListMemberships", CleanRoomsRoutes::listMemberships),
            Map.entry("UpdateMembership", CleanRoomsRoutes::updateMembership),
            Map.entry("DeleteMembership", CleanRoomsRoutes::deleteMembership),
            Map.entry("TagResource", CleanRoomsRoutes::tagResource),
            Map.entry("UntagResource", CleanRoomsRoutes::untagResource),
            Map.entry("ListTagsForResource", CleanRoomsRoutes::listTags));

    /** The operations of the Clean Rooms model served here; every other one is answered 501 by name. */
    public static final Set<String> SERVED_OPERATIONS = OPERATIONS.keySet();

    private static final int DEFAULT_MAX_RESULTS = 50;

    private final Domain domain;
    private final CollaborationReadModel collaborations;
    private final MembershipReadModel memberships;
    private final PaginationTokens tokens;
    private final ReadYourWrites readYourWrites;
    private final Executor blocking;
    private final Duration askTimeout;

    public CleanRoomsRoutes(
            Domain domain,
            CollaborationReadModel collaborations,
            MembershipReadModel memberships,
            PaginationTokens tokens,
            ReadYourWrites readYourWrites,
            Executor blocking,
            Duration askTimeout) {
        this.readYourWrites = readYourWrites;
        this.domain = domain;
        this.collaborations = collaborations;
        this.memberships = memberships;
        this.tokens = tokens;
        this.blocking = blocking;
        this.askTimeout = askTimeout;
    }

    /**
     * Answers one served operation. {@code input} is the operation's whole input (body members, path labels, query
     * parameters, by member name), already checked against its shape in the service model.
     */
    public Route handle(String operation, Caller caller, JsonInput input) {
        return OPERATIONS.get(operation).handle(this, caller.accountId(), input);
    }

    private Route createCollaboration(String account, JsonInput body) {
        Collaboration.NewCollaboration request = CleanRoomsRequests.createCollaboration(account, body);
        CompletionStage<Collaboration.View> created = collaboration(
                        UUID.randomUUID().toString())
                .write(account, replyTo -> new Collaboration.Create(request, replyTo));
        return reply(
                created,
                view -> CreateCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route getCollaboration(String account, JsonInput input) {
        String id = input.string("collaborationIdentifier");
        CompletionStage<Collaboration.View> found =
                collaboration(id).askWithStatus(replyTo -> new Collaboration.Get(account, replyTo), askTimeout);
        return reply(
                found,
                view -> GetCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route updateCollaboration(String account, JsonInput input) {
        String id = input.string("collaborationIdentifier");
        CleanRoomsRequests.CollaborationChanges changes = CleanRoomsRequests.updateCollaboration(input);
        CompletionStage<Collaboration.View> updated = collaboration(id)
                .write(
                        account,
                        replyTo -> new Collaboration.Update(
                                account, changes.name(), changes.description(), changes.analyticsEngine(), replyTo));
        return reply(
                updated,
                view -> UpdateCollaborationResponse.builder()
                        .collaboration(CleanRoomsOutputs.collaboration(view))
                        .build());
    }

    private Route deleteCollaboration(String account, JsonInput input) {
        CompletionStage<Done> deleted = collaboration(input.string("collaborationIdentifier"))
                .write(account, replyTo -> new Collaboration.Delete(account, replyTo));
        return noContent(deleted);
    }

    private Route deleteMember(String account, JsonInput input) {
        String member = input.string("accountId");
        CompletionStage<Done> removed = collaboration(input.string("collaborationIdentifier"))
                .write(account, replyTo -> new Collaboration.RemoveMember(account, member, replyTo));
        return noContent(removed);
    }

    private Route listCollaborations(String account, JsonInput input) {
        return listing(input, (maxResults, nextToken) -> {
            List<String> statuses = input.has("memberStatus")
                    ? List.of(input.string("memberStatus"))
                    : List.of(MemberStatus.INVITED.name(), MemberStatus.ACTIVE.name());
            String scope = "ListCollaborations|" + account + "|" + statuses;
            Optional<Cursor> after = tokens.read(scope, nextToken.orElse(null));
            return page(
                    afterWritesOf(account, () -> collaborations.listForAccount(account, statuses, after, maxResults)),
                    scope,
                    CleanRoomsOutputs::collaborationSummary,
                    (items, next) -> ListCollaborationsResponse.builder()
                            .collaborationList(items)
                            .nextToken(next)
                            .build());
        });
    }

    /** Served from the collaboration itself, so a member who just joined or left shows at once. */
    private Route listMembers(String account, JsonInput input) {
        String id = input.string("collaborationIdentifier");
        return listing(input, (maxResults, nextToken) -> {
            String scope = "ListMembers|" + account + "|" + id;
            Optional<Cursor> after = tokens.read(scope, nextToken.orElse(null));
            CompletionStage<Page<Collaboration.ListedMember>> members = collaboration(id)
                    .askWithStatus(
                            (ActorRef<StatusReply<Collaboration.MemberListing>> replyTo) ->
                                    new Collaboration.ListMembers(account, replyTo),
                            askTimeout)
                    .thenApply(listing -> Page.of(
                            listing.members(),
                            after,
                            maxResults,
                            listed -> new Cursor(
                                    listed.member().createTime().toEpochMilli(),
                                    listed.member().accountId())));
            return page(
                    members,
                    scope,
                    CleanRoomsOutputs::memberSummary,
                    (items, next) -> ListMembersResponse.builder()
                            .memberSummaries(items)
                            .nextToken(next)
                            .build());
        });
    }

    private Route createMembership(String account, JsonInput body) {
        String collaborationId = body.string("collaborationIdentifier");
        MembershipSettings settings = CleanRoomsRequests.createMembership(body);
        String membershipId = UUID.randomUUID().toString();
        // The collaboration records the join, then the membership is made from it; should this route not get that
        // far, the conversation from collaborations to memberships makes it.
        CompletionStage<Membership.Active> created = collaboration(collaborationId)
                .write(
                        account,
                        (ActorRef<StatusReply<JoinedMember>> replyTo) ->
                                new Collaboration.Join(account, membershipId, settings, replyTo))
                .thenCompose(joined -> membership(joined.membershipId())
                        .write(account, replyTo -> new Membership.Create(joined, replyTo)));
        return reply(
                created,
                view -> CreateMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    private Route getMembership(String account, JsonInput input) {
        String id = input.string("membershipIdentifier");
        CompletionStage<Membership.Active> found =
                membership(id).askWithStatus(replyTo -> new Membership.Get(account, replyTo), askTimeout);
        return reply(
                found,
                view -> GetMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    private Route updateMembership(String account, JsonInput input) {
        CleanRoomsRequests.MembershipChanges changes = CleanRoomsRequests.updateMembership(input);
        CompletionStage<Membership.Active> updated = membership(input.string("membershipIdentifier"))
                .write(
                        account,
                        replyTo -> new Membership.Update(
                                account,
                                changes.queryLogStatus(),
                                changes.defaultResultConfiguration(),
                                changes.paysForQueryCompute(),
                                replyTo));
        return reply(
                updated,
                view -> UpdateMembershipResponse.builder()
                        .membership(CleanRoomsOutputs.membership(view))
                        .build());
    }

    /** The membership records the leave, then the collaboration; should this route not get that far, the
     * conversation from memberships to collaborations tells it. */
    private Route deleteMembership(String account, JsonInput input) {
        CompletionStage<Done> left = membership(input.string("membershipIdentifier"))
                .write(
                        account,
                        (ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Leave(account, replyTo))
                .thenCompose(membership -> collaboration(membership.details().collaborationId())
                        .write(
                                account,
                                (ActorRef<StatusReply<Done>> replyTo) ->
                                        new Collaboration.MemberLeft(account, replyTo)));
        return noContent(left);
    }

    private Route listMemberships(String account, JsonInput input) {
        return listing(input, (maxResults, nextToken) -> {
            Optional<String> filter = Optional.ofNullable(input.string("status"));
            String scope = "ListMemberships|" + account + "|" + filter.orElse("");
            Optional<Cursor> after = tokens.read(scope, nextToken.orElse(null));
            return page(
                    afterWritesOf(account, () -> memberships.listForAccount(account, filter, after, maxResults)),
                    scope,
                    CleanRoomsOutputs::membershipSummary,
                    (items, next) -> ListMembershipsResponse.builder()
                            .membershipSummaries(items)
                            .nextToken(next)
                            .build());
        });
    }

    private Route tagResource(String account, JsonInput input) {
        TaggedResource resource = TaggedResource.parse(input.string("resourceArn"), account);
        Map<String, String> tags = input.stringMap("tags");
        CompletionStage<Done> tagged = tagging(resource, replyTo -> new Taggable.TagResource(account, tags, replyTo));
        return reply(tagged, done -> TagResourceResponse.builder().build());
    }

    private Route untagResource(String account, JsonInput input) {
        TaggedResource resource = TaggedResource.parse(input.string("resourceArn"), account);
        List<String> keys = input.list("tagKeys", JsonInput::text);
        CompletionStage<Done> untagged =
                tagging(resource, replyTo -> new Taggable.UntagResource(account, keys, replyTo));
        return reply(untagged, done -> UntagResourceResponse.builder().build());
    }

    private Route listTags(String account, JsonInput input) {
        TaggedResource resource = TaggedResource.parse(input.string("resourceArn"), account);
        CompletionStage<Taggable.TagSet> tags = tagging(resource, replyTo -> new Taggable.ListTags(account, replyTo));
        return reply(
                tags,
                set -> ListTagsForResourceResponse.builder().tags(set.tags()).build());
    }

    /** Asks the tagged resource's entity a tagging command; every taggable entity answers them alike. */
    private <T> CompletionStage<T> tagging(
            TaggedResource resource, Function<ActorRef<StatusReply<T>>, Taggable.Command> command) {
        return resource.isCollaboration()
                ? collaboration(resource.id())
                        .askWithStatus(replyTo -> new Collaboration.Tagging(command.apply(replyTo)), askTimeout)
                : membership(resource.id())
                        .askWithStatus(replyTo -> new Membership.Tagging(command.apply(replyTo)), askTimeout);
    }

    // Shared shapes of a route

    @FunctionalInterface
    private interface Listing {
        Route apply(int maxResults, Optional<String> nextToken);
    }

    /** Passes maxResults (default 50; the model bounds it) and nextToken on. */
    private static Route listing(JsonInput input, Listing listing) {
        return listing.apply(
                input.has("maxResults") ? input.integer("maxResults") : DEFAULT_MAX_RESULTS,
                Optional.ofNullable(input.string("nextToken")));
    }

    /** One page of a listing as the operation's output, with a signed token for the next page. */
    private <T, I> Route page(
            CompletionStage<Page<T>> page,
            String scope,
            Function<T, I> item,
            BiFunction<List<I>, String, SdkPojo> output) {
        return reply(
                page,
                result -> output.apply(
                        result.items().stream().map(item).toList(),
                        result.next().map(cursor -> tokens.issue(scope, cursor)).orElse(null)));
    }

    /** The operation's output, written by the one serializer of the service model's typed classes. */
    private <T> Route reply(CompletionStage<T> answer, Function<T, SdkPojo> output) {
        return onSuccess(
                answer,
                value -> complete(
                        StatusCodes.OK,
                        HttpEntities.create(
                                ContentTypes.APPLICATION_JSON,
                                ModelJson.write(output.apply(value)).toString())));
    }

    private Route noContent(CompletionStage<?> answer) {
        return onSuccess(answer, done -> complete(StatusCodes.NO_CONTENT));
    }

    private Resource<Collaboration.Command> collaboration(String id) {
        return new Resource<>(domain.collaboration(id), "COLLABORATION", id, readYourWrites::wroteCollaboration);
    }

    private Resource<Membership.Command> membership(String id) {
        return new Resource<>(domain.membership(id), "MEMBERSHIP", id, readYourWrites::wroteMembership);
    }

    /** A read-model listing for {@code account}, once the read side holds that account's acknowledged writes. */
    private <T> CompletionStage<T> afterWritesOf(String account, Supplier<T> listing) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        readYourWrites.awaitWritesOf(account);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                    return listing.get();
                },
                blocking);
    }

    /** The entity behind one resource of a request: its refusals leave naming the resource, as the model's errors do. */
    private final class Resource<C> {
        private final EntityRef<C> entity;
        private final String resourceType;
        private final String id;
        private final BiConsumer<String, String> writtenBy;

        Resource(EntityRef<C> entity, String resourceType, String id, BiConsumer<String, String> writtenBy) {
            this.entity = entity;
            this.resourceType = resourceType;
            this.id = id;
            this.writtenBy = writtenBy;
        }

        /** A command that changes the resource: once acknowledged, {@code account}'s listings will include it. */
        <T> CompletionStage<T> write(String account, Function<ActorRef<StatusReply<T>>, C> command) {
            return askWithStatus(command, askTimeout)
                    .thenApplyAsync(
                            answer -> {
                                writtenBy.accept(account, id);
                                return answer;
                            },
                            blocking);
        }

        <T> CompletionStage<T> askWithStatus(Function<ActorRef<StatusReply<T>>, C> command, Duration timeout) {
            return entity.askWithStatus(command::apply, timeout).handle((answer, failure) -> {
                if (failure == null) {
                    return answer;
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof Rejection rejection) {
                    throw AwsError.of(rejection, resourceType, id);
                }
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            });
        }
    }

    /** A Clean Rooms ARN in a tags path: which aggregate, which id. Only the owner's ARNs are taggable. */
    private record TaggedResource(boolean isCollaboration, String id) {

        static TaggedResource parse(String arn, String caller) {
            String[] parts = arn.split(":", 6);
            String[] resource = parts[5].split("/", 2);
            if (resource.length != 2
                    || !Constraints.UUID.matcher(resource[1]).matches()
                    || !(resource[0].equals("collaboration") || resource[0].equals("membership"))) {
                throw AwsError.notFound("No taggable resource " + arn).with("resourceId", arn);
            }
            if (!parts[4].equals(caller)) {
                throw AwsError.of(new Rejection.AccessDenied("Resource " + arn + " belongs to another account"));
            }
            return new TaggedResource(resource[0].equals("collaboration"), resource[1]);
        }
    }
}
