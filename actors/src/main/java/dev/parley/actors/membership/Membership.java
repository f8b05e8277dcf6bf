package dev.parley.actors.membership;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.common.Tags;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.MembershipStanding;
import dev.parley.actors.shared.QueryComputePayment;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.ResultConfiguration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * One account's membership in one collaboration, created from what the collaboration recorded when its member joined.
 * It knows no other aggregate: what it must hear from the collaboration, and what the collaboration must hear from it
 * (a member leaving), travels through the conversation package's projections.
 */
public final class Membership extends ParleyEntity<Membership.Command, Membership.Event, Membership.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Membership");
    public static final String TAG = "membership";
    private static final Taggable.Events<Event> TAG_EVENTS = new Taggable.Events<>(TagsAdded::new, TagsRemoved::new);

    /** The facts a membership is born with, copied from the collaboration at the moment of joining. */
    public record Details(
            String id,
            String arn,
            String accountId,
            String collaborationId,
            String collaborationArn,
            String collaborationCreatorAccountId,
            String collaborationCreatorDisplayName,
            List<MemberAbility> memberAbilities,
            boolean paysForQueryCompute,
            Instant createTime) {
        public Details {
            memberAbilities = List.copyOf(memberAbilities);
        }
    }

    // Commands

    public sealed interface Command extends CborSerializable {}

    /** Made from a join the collaboration recorded; idempotent, since the join may be delivered again. */
    public record Create(JoinedMember joined, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversation that tells the collaboration about a leave: this membership as it stands. */
    public record Describe(ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    public record Get(String caller, ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    /** Null fields are left as they are. */
    public record Update(
            String caller,
            QueryLogStatus queryLogStatus,
            ResultConfiguration defaultResultConfiguration,
            Boolean paysForQueryCompute,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** The member leaves the collaboration (DeleteMembership). */
    public record Leave(String caller, ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    /** What the collaboration now says about this member. Repeated freely; applies only differences. */
    public record Reconcile(MembershipStanding standing, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** TagResource, UntagResource and ListTagsForResource, answered as every taggable entity answers them. */
    public record Tagging(Taggable.Command command) implements Command, Taggable.Carrier {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record MembershipCreated(Details details, String collaborationName, MembershipSettings settings)
            implements Event {}

    public record MembershipUpdated(
            QueryLogStatus queryLogStatus, ResultConfiguration defaultResultConfiguration, Instant updateTime)
            implements Event {}

    public record MemberLeft(Instant updateTime) implements Event {}

    public record MemberRemoved(Instant updateTime) implements Event {}

    public record CollaborationDeleted(Instant updateTime) implements Event {}

    public record CollaborationRenamed(String collaborationName, Instant updateTime) implements Event {}

    public record TagsAdded(Map<String, String> tags) implements Event {}

    public record TagsRemoved(List<String> tagKeys) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /** A membership that exists, whatever its status; also the answer to Get. */
    public record Active(
            Details details,
            String collaborationName,
            MembershipStatus status,
            QueryLogStatus queryLogStatus,
            ResultConfiguration defaultResultConfiguration,
            boolean leftByMember,
            Instant updateTime,
            Map<String, String> tags)
            implements State {

        Active withStatus(MembershipStatus newStatus, boolean left, Instant time) {
            return new Active(
                    details,
                    collaborationName,
                    newStatus,
                    queryLogStatus,
                    defaultResultConfiguration,
                    left,
                    time,
                    tags);
        }

        Active withTags(Map<String, String> newTags) {
            return new Active(
                    details,
                    collaborationName,
                    status,
                    queryLogStatus,
                    defaultResultConfiguration,
                    leftByMember,
                    updateTime,
                    newTags);
        }
    }

    public static Behavior<Command> create(String membershipId) {
        return new Membership(membershipId);
    }

    private final String membershipId;

    private Membership(String membershipId) {
        super(ENTITY_TYPE_KEY, TAG, membershipId);
        this.membershipId = membershipId;
    }

    @Override
    public State emptyState() {
        return new Empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onCommand(
                        Create.class,
                        (state, command) -> Effect()
                                .persist(created(command.joined()))
                                .thenReply(command.replyTo(), created -> StatusReply.success((Active) created)))
                .onAnyCommand(command ->
                        refuse(command, new Rejection.NotFound("Membership " + membershipId + " not found")));
        builder.forStateType(Active.class)
                .onCommand(
                        Create.class, (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state)))
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        owned(state, command.caller()) ? StatusReply.success(state) : accessDenied()))
                .onCommand(
                        Describe.class,
                        (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state)))
                .onCommand(Update.class, this::onUpdate)
                .onCommand(Leave.class, this::onLeave)
                .onCommand(Reconcile.class, this::onReconcile)
                .onCommand(
                        Tagging.class,
                        (state, tagging) -> Taggable.handle(
                                Effect(),
                                tagging.command(),
                                state.tags(),
                                owned(state, tagging.command().caller()),
                                this::otherAccount,
                                TAG_EVENTS));
        return builder.build();
    }

    private ReplyEffect<Event, State> onUpdate(Active state, Update command) {
        if (!owned(state, command.caller())) {
            return Effect().reply(command.replyTo(), accessDenied());
        }
        if (state.status() != MembershipStatus.ACTIVE) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict("Membership " + membershipId + " is "
                                    + state.status() + " and can no longer be updated")));
        }
        if (command.paysForQueryCompute() != null
                && command.paysForQueryCompute() != state.details().paysForQueryCompute()) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(
                                    QueryComputePayment.mismatch(state.details().paysForQueryCompute())));
        }
        QueryLogStatus queryLogStatus =
                command.queryLogStatus() != null ? command.queryLogStatus() : state.queryLogStatus();
        ResultConfiguration resultConfiguration = command.defaultResultConfiguration() != null
                ? command.defaultResultConfiguration()
                : state.defaultResultConfiguration();
        return Effect()
                .persist(new MembershipUpdated(queryLogStatus, resultConfiguration, Instant.now()))
                .thenReply(command.replyTo(), updated -> StatusReply.success((Active) updated));
    }

    private ReplyEffect<Event, State> onLeave(Active state, Leave command) {
        if (!owned(state, command.caller())) {
            return Effect().reply(command.replyTo(), accessDenied());
        }
        if (state.status() != MembershipStatus.ACTIVE) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict(
                                    "Membership " + membershipId + " is already " + state.status())));
        }
        if (state.details().accountId().equals(state.details().collaborationCreatorAccountId())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(
                                    new Rejection.Conflict(
                                            "The collaboration creator cannot leave the collaboration; delete the collaboration instead")));
        }
        return Effect()
                .persist(new MemberLeft(Instant.now()))
                .thenReply(command.replyTo(), left -> StatusReply.success((Active) left));
    }

    private ReplyEffect<Event, State> onReconcile(Active state, Reconcile command) {
        MembershipStanding standing = command.standing();
        Instant now = Instant.now();
        List<Event> changes = new ArrayList<>();
        if (!standing.collaborationName().equals(state.collaborationName())) {
            changes.add(new CollaborationRenamed(standing.collaborationName(), now));
        }
        if (state.status() == MembershipStatus.ACTIVE) {
            if (standing.collaborationDeleted()) {
                changes.add(new CollaborationDeleted(now));
            } else if (standing.memberStatus() == MemberStatus.REMOVED) {
                changes.add(new MemberRemoved(now));
            }
        }
        return changes.isEmpty()
                ? Effect().reply(command.replyTo(), StatusReply.ack())
                : Effect().persist(changes).thenReply(command.replyTo(), reconciled -> StatusReply.ack());
    }

    private static MembershipCreated created(JoinedMember joined) {
        return new MembershipCreated(
                new Details(
                        joined.membershipId(),
                        joined.membershipArn(),
                        joined.accountId(),
                        joined.collaborationId(),
                        joined.collaborationArn(),
                        joined.collaborationCreatorAccountId(),
                        joined.collaborationCreatorDisplayName(),
                        joined.memberAbilities(),
                        joined.paysForQueryCompute(),
                        joined.joinTime()),
                joined.collaborationName(),
                joined.settings());
    }

    private static boolean owned(Active state, String caller) {
        return state.details().accountId().equals(caller);
    }

    private <T> StatusReply<T> accessDenied() {
        return StatusReply.error(otherAccount());
    }

    private Rejection otherAccount() {
        return new Rejection.AccessDenied("Membership " + membershipId + " belongs to another account");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        MembershipCreated.class,
                        (state, event) -> new Active(
                                event.details(),
                                event.collaborationName(),
                                MembershipStatus.ACTIVE,
                                event.settings().queryLogStatus(),
                                event.settings().defaultResultConfiguration(),
                                false,
                                event.details().createTime(),
                                event.settings().tags()));
        builder.forStateType(Active.class)
                .onEvent(
                        MembershipUpdated.class,
                        (state, event) -> new Active(
                                state.details(),
                                state.collaborationName(),
                                state.status(),
                                event.queryLogStatus(),
                                event.defaultResultConfiguration(),
                                state.leftByMember(),
                                event.updateTime(),
                                state.tags()))
                .onEvent(
                        MemberLeft.class,
                        (state, event) -> state.withStatus(MembershipStatus.REMOVED, true, event.updateTime()))
                .onEvent(
                        MemberRemoved.class,
                        (state, event) -> state.withStatus(MembershipStatus.REMOVED, false, event.updateTime()))
                .onEvent(
                        CollaborationDeleted.class,
                        (state, event) ->
                                state.withStatus(MembershipStatus.COLLABORATION_DELETED, false, event.updateTime()))
                .onEvent(
                        CollaborationRenamed.class,
                        (state, event) -> new Active(
                                state.details(),
                                event.collaborationName(),
                                state.status(),
                                state.queryLogStatus(),
                                state.defaultResultConfiguration(),
                                state.leftByMember(),
                                event.updateTime(),
                                state.tags()))
                .onEvent(TagsAdded.class, (state, event) -> state.withTags(Tags.merged(state.tags(), event.tags())))
                .onEvent(
                        TagsRemoved.class,
                        (state, event) -> state.withTags(Tags.without(state.tags(), event.tagKeys())));
        return builder.build();
    }
}
