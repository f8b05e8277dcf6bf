package dev.parley.actors.workgroup;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.common.Tags;
import java.time.Instant;
import java.util.HashMap;
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
 * An Athena work group. Names are per account, so the entity id is {@code <account>:<name>} ({@link #entityId}): a
 * caller can only ever address the work groups of its own account. A deleted work group's name may be used again.
 */
public final class WorkGroup extends ParleyEntity<WorkGroup.Command, WorkGroup.Event, WorkGroup.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "WorkGroup");
    public static final String TAG = "workgroup";
    private static final Taggable.Events<Event> TAG_EVENTS = new Taggable.Events<>(TagsAdded::new, TagsRemoved::new);

    /** The state a work group is created in. */
    public static final WorkGroupState INITIAL_STATE = WorkGroupState.ENABLED;

    public static String entityId(String accountId, String name) {
        return accountId + ":" + name;
    }

    // Commands

    public sealed interface Command extends CborSerializable {}

    public record Create(
            String description,
            Configuration configuration,
            Map<String, String> tags,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Get(ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    /** Null description and state are left as they are. */
    public record Update(
            String description,
            WorkGroupState state,
            Configuration.Updates updates,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Delete(ActorRef<StatusReply<Done>> replyTo) implements Command, ExpectsStatusReply {}

    public record Tagging(Taggable.Command command) implements Command, Taggable.Carrier {}

    /**
     * Gives notebook {@code notebookId} the name {@code name} in this work group (its first name, or a new one):
     * names are unique in a work group. Naming a notebook what it is already called changes nothing.
     */
    public record NameNotebook(String notebookId, String name, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** Frees the name of a deleted notebook; idempotent. */
    public record UnnameNotebook(String notebookId, ActorRef<StatusReply<Done>> replyTo)
            implements Command, ExpectsStatusReply {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record WorkGroupCreated(
            String accountId,
            String name,
            String description,
            Configuration configuration,
            Map<String, String> tags,
            Instant creationTime)
            implements Event {}

    public record WorkGroupUpdated(
            String description, WorkGroupState state, Configuration configuration, Instant updateTime)
            implements Event {}

    public record WorkGroupDeleted(Instant deleteTime) implements Event {}

    public record TagsAdded(Map<String, String> tags) implements Event {}

    public record TagsRemoved(List<String> tagKeys) implements Event {}

    public record NotebookNamed(String notebookId, String name) implements Event {}

    public record NotebookUnnamed(String notebookId) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    /** Never created, or deleted: the name is free. */
    public record Absent() implements State {}

    /** A work group that exists; also the answer to Get. */
    public record Active(
            String accountId,
            String name,
            String description,
            WorkGroupState state,
            Configuration configuration,
            Instant creationTime,
            Map<String, String> tags,
            Map<String, String> notebooks)
            implements State {

        /** {@code notebooks}: notebook name to notebook id; absent from snapshots older than notebooks. */
        public Active {
            notebooks = notebooks == null ? Map.of() : Map.copyOf(notebooks);
        }

        Active withTags(Map<String, String> newTags) {
            return new Active(accountId, name, description, state, configuration, creationTime, newTags, notebooks);
        }

        Active withNotebooks(Map<String, String> newNotebooks) {
            return new Active(accountId, name, description, state, configuration, creationTime, tags, newNotebooks);
        }

        Map<String, String> withoutNotebook(String notebookId) {
            Map<String, String> kept = new HashMap<>(notebooks);
            kept.values().remove(notebookId);
            return kept;
        }
    }

    public static Behavior<Command> create(String entityId) {
        return new WorkGroup(entityId);
    }

    private final String accountId;
    private final String name;

    private WorkGroup(String entityId) {
        super(ENTITY_TYPE_KEY, TAG, entityId);
        String[] parts = entityId.split(":", 2);
        this.accountId = parts[0];
        this.name = parts[1];
    }

    @Override
    public State emptyState() {
        return new Absent();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Absent.class)
                .onCommand(Create.class, (state, command) -> {
                    try {
                        Tags.checkLimit(Map.of(), command.tags());
                    } catch (Rejection rejection) {
                        return Effect().reply(command.replyTo(), StatusReply.error(rejection));
                    }
                    return Effect()
                            .persist(new WorkGroupCreated(
                                    accountId,
                                    name,
                                    command.description(),
                                    command.configuration(),
                                    Map.copyOf(command.tags()),
                                    Instant.now()))
                            .thenReply(command.replyTo(), created -> StatusReply.success((Active) created));
                })
                .onAnyCommand(command -> refuse(command, notFound()));
        builder.forStateType(Active.class)
                .onCommand(
                        Create.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        StatusReply.error(
                                                new Rejection.Conflict("WorkGroup " + name + " is already created"))))
                .onCommand(Get.class, (state, command) -> Effect().reply(command.replyTo(), StatusReply.success(state)))
                .onCommand(Update.class, this::onUpdate)
                .onCommand(
                        Delete.class,
                        (state, command) -> Effect()
                                .persist(new WorkGroupDeleted(Instant.now()))
                                .thenReply(command.replyTo(), deleted -> StatusReply.ack()))
                .onCommand(
                        Tagging.class,
                        (state, tagging) -> Taggable.handle(
                                Effect(), tagging.command(), state.tags(), true, this::notFound, TAG_EVENTS))
                .onCommand(NameNotebook.class, this::onNameNotebook)
                .onCommand(UnnameNotebook.class, (state, command) -> {
                    if (!state.notebooks().containsValue(command.notebookId())) {
                        return Effect().reply(command.replyTo(), StatusReply.ack());
                    }
                    return Effect()
                            .persist(new NotebookUnnamed(command.notebookId()))
                            .thenReply(command.replyTo(), unnamed -> StatusReply.ack());
                });
        return builder.build();
    }

    private ReplyEffect<Event, State> onUpdate(Active state, Update command) {
        Configuration configuration;
        try {
            configuration = command.updates() == null
                    ? state.configuration()
                    : command.updates().applyTo(state.configuration());
        } catch (Rejection rejection) {
            return Effect().reply(command.replyTo(), StatusReply.error(rejection));
        }
        return Effect()
                .persist(new WorkGroupUpdated(
                        command.description() != null ? command.description() : state.description(),
                        command.state() != null ? command.state() : state.state(),
                        configuration,
                        Instant.now()))
                .thenReply(command.replyTo(), updated -> StatusReply.success((Active) updated));
    }

    private ReplyEffect<Event, State> onNameNotebook(Active state, NameNotebook command) {
        String holder = state.notebooks().get(command.name());
        if (command.notebookId().equals(holder)) {
            return Effect().reply(command.replyTo(), StatusReply.ack());
        }
        if (holder != null) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Invalid(
                                    "A notebook named " + command.name() + " already exists in work group " + name)));
        }
        return Effect()
                .persist(new NotebookNamed(command.notebookId(), command.name()))
                .thenReply(command.replyTo(), named -> StatusReply.ack());
    }

    private Rejection notFound() {
        return new Rejection.NotFound("WorkGroup " + name + " is not found");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Absent.class)
                .onEvent(
                        WorkGroupCreated.class,
                        (state, event) -> new Active(
                                event.accountId(),
                                event.name(),
                                event.description(),
                                INITIAL_STATE,
                                event.configuration(),
                                event.creationTime(),
                                event.tags(),
                                Map.of()));
        builder.forStateType(Active.class)
                .onEvent(
                        WorkGroupUpdated.class,
                        (state, event) -> new Active(
                                state.accountId(),
                                state.name(),
                                event.description(),
                                event.state(),
                                event.configuration(),
                                state.creationTime(),
                                state.tags(),
                                state.notebooks()))
                .onEvent(WorkGroupDeleted.class, (state, event) -> new Absent())
                .onEvent(TagsAdded.class, (state, event) -> state.withTags(Tags.merged(state.tags(), event.tags())))
                .onEvent(
                        TagsRemoved.class,
                        (state, event) -> state.withTags(Tags.without(state.tags(), event.tagKeys())))
                .onEvent(NotebookNamed.class, (state, event) -> {
                    Map<String, String> notebooks = state.withoutNotebook(event.notebookId());
                    notebooks.put(event.name(), event.notebookId());
                    return state.withNotebooks(notebooks);
                })
                .onEvent(
                        NotebookUnnamed.class,
                        (state, event) -> state.withNotebooks(state.withoutNotebook(event.notebookId())));
        return builder.build();
    }
}
