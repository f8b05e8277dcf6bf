package dev.parley.actors.analysistemplate;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.MemberAbility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * An analysis template: SQL with typed parameters, written in a membership by a member who can query, and read through
 * the collaboration by every active member. Its SQL is validated against the collaboration's schemas before it is
 * created ({@link AnalysisTemplateSql}); the entity keeps what was validated and who may change it.
 */
public final class AnalysisTemplate
        extends ParleyEntity<AnalysisTemplate.Command, AnalysisTemplate.Event, AnalysisTemplate.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
            EntityTypeKey.create(Command.class, "AnalysisTemplate");
    public static final String TAG = "analysis-template";

    public enum AnalysisFormat {
        SQL,
        PYSPARK_1_0,
        PYSPARK_2_0
    }

    /** The model's parameter types: Redshift's names and Spark's. */
    public enum ParameterType {
        SMALLINT,
        INTEGER,
        BIGINT,
        DECIMAL,
        REAL,
        DOUBLE_PRECISION,
        BOOLEAN,
        CHAR,
        VARCHAR,
        DATE,
        TIMESTAMP,
        TIMESTAMPTZ,
        TIME,
        TIMETZ,
        VARBYTE,
        BINARY,
        BYTE,
        CHARACTER,
        DOUBLE,
        FLOAT,
        INT,
        LONG,
        NUMERIC,
        SHORT,
        STRING,
        TIMESTAMP_LTZ,
        TIMESTAMP_NTZ,
        TINYINT
    }

    /** {@code defaultValue} is null when the parameter has none. */
    public record AnalysisParameter(String name, ParameterType type, String defaultValue) implements CborSerializable {}

    /** The membership a template is made in, as the route read it from the membership. */
    public record Creator(String accountId, String membershipId, boolean active, List<MemberAbility> memberAbilities)
            implements CborSerializable {
        public Creator {
            memberAbilities = List.copyOf(memberAbilities);
        }
    }

    /**
     * A template as created: {@code referencedTables} derived from its SQL, {@code errorMessageType} null unless
     * given.
     */
    public record Template(
            String arn,
            String name,
            AnalysisFormat format,
            String text,
            List<AnalysisParameter> analysisParameters,
            List<String> referencedTables,
            String errorMessageType,
            String creatorAccountId,
            String membershipId,
            String membershipArn,
            String collaborationId,
            String collaborationArn,
            Map<String, String> tags,
            Instant createTime)
            implements CborSerializable {
        public Template {
            analysisParameters = List.copyOf(analysisParameters);
            referencedTables = List.copyOf(referencedTables);
            tags = Map.copyOf(tags);
        }
    }

    // Commands

    public sealed interface Command extends CborSerializable {}

    /** Made by the membership's own account, in an ACTIVE membership that can query. */
    public record Create(
            String caller,
            Creator membership,
            Template template,
            String description,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** {@code membershipId} is the membership the request's path names; the template must be in it. */
    public record Get(String caller, String membershipId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** The description is the only thing an update changes; null leaves it as it is. */
    public record Update(String caller, String membershipId, String description, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Delete(String caller, String membershipId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /**
     * The template as the collaboration shows it, to a member the route found active there; refused unless the template
     * is in {@code collaborationId}.
     */
    public record DescribeInCollaboration(String collaborationId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record AnalysisTemplateCreated(Template template, String description) implements Event {}

    public record AnalysisTemplateUpdated(String description, Instant updateTime) implements Event {}

    public record AnalysisTemplateDeleted(Instant updateTime) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /**
     * A template that exists; also the answer to Get. Its tags are those given at creation: its ARN is longer than the
     * 100 characters the model allows TagResource's resourceArn, so it cannot be tagged later.
     */
    public record Active(String id, Template template, String description, Instant updateTime) implements State {}

    public record Deleted() implements State {}

    public static Behavior<Command> create(String templateId) {
        return new AnalysisTemplate(templateId);
    }

    private final String templateId;

    private AnalysisTemplate(String templateId) {
        super(ENTITY_TYPE_KEY, TAG, templateId);
        this.templateId = templateId;
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
                .onAnyCommand(this::refuseAsNotFound);
        builder.forStateType(Active.class)
                .onCommand(
                        Create.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.error(new Rejection.Conflict(
                                                "Analysis template " + templateId + " already exists"))))
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        refusal(state, command.caller(), command.membershipId())
                                                .<StatusReply<Active>>map(StatusReply::error)
                                                .orElseGet(() -> StatusReply.success(state))))
                .onCommand(Update.class, (state, command) -> {
                    var refused = refusal(state, command.caller(), command.membershipId());
                    if (refused.isPresent()) {
                        return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
                    }
                    return Effect()
                            .persist(new AnalysisTemplateUpdated(
                                    command.description() != null ? command.description() : state.description(),
                                    Instant.now()))
                            .thenReply(command.replyTo(), updated -> StatusReply.success((Active) updated));
                })
                .onCommand(Delete.class, (state, command) -> {
                    var refused = refusal(state, command.caller(), command.membershipId());
                    if (refused.isPresent()) {
                        return Effect().reply(command.replyTo(), StatusReply.error(refused.get()));
                    }
                    return Effect()
                            .persist(new AnalysisTemplateDeleted(Instant.now()))
                            .thenReply(command.replyTo(), deleted -> StatusReply.success(state));
                })
                .onCommand(
                        DescribeInCollaboration.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        state.template().collaborationId().equals(command.collaborationId())
                                                ? StatusReply.success(state)
                                                : StatusReply.error(new Rejection.NotFound("Analysis template "
                                                        + templateId + " not found in collaboration "
                                                        + command.collaborationId()))));
        builder.forStateType(Deleted.class).onAnyCommand(this::refuseAsNotFound);
        return builder.build();
    }

    private ReplyEffect<Event, State> onCreate(Empty state, Create command) {
        Creator membership = command.membership();
        if (!membership.accountId().equals(command.caller())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied(
                                    "Membership " + membership.membershipId() + " belongs to another account")));
        }
        if (!membership.active()) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied(
                                    "Membership " + membership.membershipId() + " is not active")));
        }
        if (!membership.memberAbilities().contains(MemberAbility.CAN_QUERY)) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.AccessDenied(
                                    "Only the member who can query creates analysis templates")));
        }
        return Effect()
                .persist(new AnalysisTemplateCreated(command.template(), command.description()))
                .thenReply(command.replyTo(), created -> StatusReply.success((Active) created));
    }

    /** The template is only found through the membership it was made in, and only its creator acts on it there. */
    private Optional<Rejection> refusal(Active state, String caller, String membershipId) {
        if (!state.template().membershipId().equals(membershipId)) {
            return Optional.of(new Rejection.NotFound(
                    "Analysis template " + templateId + " not found in membership " + membershipId));
        }
        if (!state.template().creatorAccountId().equals(caller)) {
            return Optional.of(
                    new Rejection.AccessDenied("Analysis template " + templateId + " belongs to another account"));
        }
        return Optional.empty();
    }

    private ReplyEffect<Event, State> refuseAsNotFound(Command command) {
        return refuse(command, new Rejection.NotFound("Analysis template " + templateId + " not found"));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        AnalysisTemplateCreated.class,
                        (state, event) -> new Active(
                                templateId,
                                event.template(),
                                event.description(),
                                event.template().createTime()));
        builder.forStateType(Active.class)
                .onEvent(
                        AnalysisTemplateUpdated.class,
                        (state, event) ->
                                new Active(state.id(), state.template(), event.description(), event.updateTime()))
                .onEvent(AnalysisTemplateDeleted.class, (state, event) -> new Deleted());
        return builder.build();
    }
}
