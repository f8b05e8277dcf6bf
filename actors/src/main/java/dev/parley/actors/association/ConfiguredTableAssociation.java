package dev.parley.actors.association;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.AnalysisRuleType;
import dev.parley.actors.shared.TableAssociation;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A configured table associated with a collaboration through its owner's membership, with the owner's rules on who
 * receives results from it. Created from what the collaboration recorded when the table was associated (by the route
 * that asked, and by the conversation package's projection should that not happen); it knows no other aggregate.
 */
public final class ConfiguredTableAssociation
        extends ParleyEntity<
                ConfiguredTableAssociation.Command,
                ConfiguredTableAssociation.Event,
                ConfiguredTableAssociation.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
            EntityTypeKey.create(Command.class, "ConfiguredTableAssociation");
    public static final String TAG = "configured-table-association";

    /**
     * The association's rule of one kind: which members may receive results of analyses on it, and which other
     * analyses (ARNs) may consume its output. Empty lists mean none.
     */
    public record Rule(
            AnalysisRuleType type,
            List<String> allowedResultReceivers,
            List<String> allowedAdditionalAnalyses,
            Instant createTime,
            Instant updateTime)
            implements CborSerializable {
        public Rule {
            allowedResultReceivers = List.copyOf(allowedResultReceivers);
            allowedAdditionalAnalyses = List.copyOf(allowedAdditionalAnalyses);
        }
    }

    // Commands

    public sealed interface Command extends CborSerializable {}

    /** Made from an association the collaboration recorded; idempotent, since it may be delivered again. */
    public record Create(TableAssociation association, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** For the conversations: what the association was made from, also once it is deleted. */
    public record Describe(ActorRef<StatusReply<TableAssociation>> replyTo) implements Command, ExpectsStatusReply {}

    /** {@code membershipId} is the membership the request's path names; the association must be in it. */
    public record Get(String caller, String membershipId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** Null fields are left as they are. */
    public record Update(
            String caller,
            String membershipId,
            String description,
            String roleArn,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** Answered with the association as it was, so that the collaboration can be told to let the name go. */
    public record Delete(String caller, String membershipId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** CreateConfiguredTableAssociationAnalysisRule ({@code create}) or its Update. */
    public record PutRule(
            String caller,
            String membershipId,
            boolean create,
            AnalysisRuleType type,
            List<String> allowedResultReceivers,
            List<String> allowedAdditionalAnalyses,
            ActorRef<StatusReply<Rule>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record GetRule(
            String caller, String membershipId, AnalysisRuleType type, ActorRef<StatusReply<Rule>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record DeleteRule(
            String caller, String membershipId, AnalysisRuleType type, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record AssociationCreated(TableAssociation association) implements Event {}

    public record AssociationUpdated(String description, String roleArn, Instant updateTime) implements Event {}

    public record AssociationDeleted(Instant updateTime) implements Event {}

    public record RuleCreated(Rule rule) implements Event {}

    public record RuleUpdated(Rule rule) implements Event {}

    public record RuleDeleted(AnalysisRuleType type, Instant updateTime) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /**
     * An association that exists; also the answer to Get. Its tags are those given at creation: its ARN is longer than
     * the 100 characters the model allows TagResource's resourceArn, so it cannot be tagged later.
     */
    public record Active(
            TableAssociation association,
            String description,
            String roleArn,
            Instant updateTime,
            Map<AnalysisRuleType, Rule> rules,
            Map<String, String> tags)
            implements State {
        public Active {
            rules = Map.copyOf(rules);
        }

        Active with(String newDescription, String newRoleArn, Instant time) {
            return new Active(association, newDescription, newRoleArn, time, rules, tags);
        }

        Active withRules(Map<AnalysisRuleType, Rule> newRules) {
            return new Active(association, description, roleArn, updateTime, newRules, tags);
        }
    }

    /** Kept so that the conversations can still learn what it was. */
    public record Deleted(TableAssociation association) implements State {}

    public static Behavior<Command> create(String associationId) {
        return new ConfiguredTableAssociation(associationId);
    }

    private final String associationId;

    private ConfiguredTableAssociation(String associationId) {
        super(ENTITY_TYPE_KEY, TAG, associationId);
        this.associationId = associationId;
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
                                .persist(new AssociationCreated(command.association()))
                                .thenReply(command.replyTo(), created -> StatusReply.success((Active) created)))
                .onAnyCommand(this::refuseAsNotFound);
        builder.forStateType(Active.class)
                .onCommand(
                        Create.class, (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state)))
                .onCommand(
                        Describe.class,
                        (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state.association())))
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        refusal(state, command.caller(), command.membershipId())
                                                .<StatusReply<Active>>map(StatusReply::error)
                                                .orElseGet(() -> StatusReply.success(state))))
                .onCommand(Update.class, this::onUpdate)
                .onCommand(Delete.class, (state, command) -> {
                    var refused = refusal(state, command.caller(), command.membershipId());
                    if (refused.isPresent()) {
                        return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
                    }
                    return Effect()
                            .persist(new AssociationDeleted(Instant.now()))
                            .thenReply(command.replyTo(), deleted -> StatusReply.success(state));
                })
                .onCommand(PutRule.class, this::onPutRule)
                .onCommand(GetRule.class, (state, command) -> {
                    var refused = refusal(state, command.caller(), command.membershipId());
                    if (refused.isPresent()) {
                        return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
                    }
                    Rule rule = state.rules().get(command.type());
                    return Effect()
                            .reply(
                                    command.replyTo(),
                                    rule != null
                                            ? StatusReply.success(rule)
                                            : StatusReply.error(noRule(command.type())));
                })
                .onCommand(DeleteRule.class, (state, command) -> {
                    var refused = refusal(state, command.caller(), command.membershipId());
                    if (refused.isPresent()) {
                        return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
                    }
                    if (!state.rules().containsKey(command.type())) {
                        return Effect().reply(command.replyTo(), StatusReply.error(noRule(command.type())));
                    }
                    return Effect()
                            .persist(new RuleDeleted(command.type(), Instant.now()))
                            .thenReply(command.replyTo(), deleted -> StatusReply.ack());
                });
        builder.forStateType(Deleted.class)
                .onCommand(
                        Describe.class,
                        (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state.association())))
                .onAnyCommand(this::refuseAsNotFound);
        return builder.build();
    }

    private ReplyEffect<Event, State> onUpdate(Active state, Update command) {
        var refused = refusal(state, command.caller(), command.membershipId());
        if (refused.isPresent()) {
            return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
        }
        return Effect()
                .persist(new AssociationUpdated(
                        command.description() != null ? command.description() : state.description(),
                        command.roleArn() != null ? command.roleArn() : state.roleArn(),
                        Instant.now()))
                .thenReply(command.replyTo(), updated -> StatusReply.success((Active) updated));
    }

    private ReplyEffect<Event, State> onPutRule(Active state, PutRule command) {
        var refused = refusal(state, command.caller(), command.membershipId());
        if (refused.isPresent()) {
            return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
        }
        Rule existing = state.rules().get(command.type());
        if (command.create() && existing != null) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict("Configured table association " + associationId
                                    + " already has a " + command.type() + " analysis rule")));
        }
        if (!command.create() && existing == null) {
            return Effect().reply(command.replyTo(), StatusReply.error(noRule(command.type())));
        }
        Instant now = Instant.now();
        Rule rule = new Rule(
                command.type(),
                command.allowedResultReceivers(),
                command.allowedAdditionalAnalyses(),
                existing != null ? existing.createTime() : now,
                now);
        Event event = command.create() ? new RuleCreated(rule) : new RuleUpdated(rule);
        return Effect().persist(event).thenReply(command.replyTo(), put -> StatusReply.success(rule));
    }

    /**
     * Why the caller may not act on this association through the membership their path names: it is in another
     * membership (not found there), or the caller is not its owner.
     */
    private Optional<Rejection> refusal(Active state, String caller, String membershipId) {
        if (!state.association().membershipId().equals(membershipId)) {
            return Optional.of(new Rejection.NotFound(
                    "Configured table association " + associationId + " not found in membership " + membershipId));
        }
        return owned(state, caller) ? Optional.empty() : Optional.of(otherAccount());
    }

    private static boolean owned(Active state, String caller) {
        return state.association().ownerAccountId().equals(caller);
    }

    private Rejection otherAccount() {
        return new Rejection.AccessDenied(
                "Configured table association " + associationId + " belongs to another account");
    }

    private Rejection noRule(AnalysisRuleType type) {
        return new Rejection.NotFound(
                "Configured table association " + associationId + " has no " + type + " analysis rule");
    }

    private ReplyEffect<Event, State> refuseAsNotFound(Command command) {
        return refuse(command, new Rejection.NotFound("Configured table association " + associationId + " not found"));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        AssociationCreated.class,
                        (state, event) -> new Active(
                                event.association(),
                                event.association().description(),
                                event.association().roleArn(),
                                event.association().createTime(),
                                Map.of(),
                                event.association().tags()));
        builder.forStateType(Active.class)
                .onEvent(
                        AssociationUpdated.class,
                        (state, event) -> state.with(event.description(), event.roleArn(), event.updateTime()))
                .onEvent(AssociationDeleted.class, (state, event) -> new Deleted(state.association()))
                .onEvent(RuleCreated.class, (state, event) -> state.withRules(putRule(state, event.rule())))
                .onEvent(RuleUpdated.class, (state, event) -> state.withRules(putRule(state, event.rule())))
                .onEvent(RuleDeleted.class, (state, event) -> {
                    Map<AnalysisRuleType, Rule> rules = new EnumMap<>(AnalysisRuleType.class);
                    rules.putAll(state.rules());
                    rules.remove(event.type());
                    return state.withRules(rules);
                });
        return builder.build();
    }

    private static Map<AnalysisRuleType, Rule> putRule(Active state, Rule rule) {
        Map<AnalysisRuleType, Rule> rules = new EnumMap<>(AnalysisRuleType.class);
        rules.putAll(state.rules());
        rules.put(rule.type(), rule);
        return rules;
    }
}
