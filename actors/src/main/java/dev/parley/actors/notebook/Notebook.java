package dev.parley.actors.notebook;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * An Athena notebook: whose it is, its work group and name, and which stored version of its ipynb text is current.
 * The text itself is too large for events and for messages between nodes, so it is stored beside the journal by
 * version ({@code NotebookPayloads}) before the entity is told of it. Its name is unique in its work group; the work
 * group is the authority on that, the notebook only records what the work group granted.
 */
public final class Notebook extends ParleyEntity<Notebook.Command, Notebook.Event, Notebook.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Notebook");
    public static final String TAG = "notebook";

    /** AWS lists at most this many sessions of a notebook (NotebookSessionsList). */
    public static final int SESSIONS_KEPT = 10;

    // Commands

    public sealed interface Command extends CborSerializable {}

    /** Creating again with the same account, work group, name and type answers the notebook (a retried token). */
    public record Create(
            String accountId,
            String workGroup,
            String name,
            String type,
            String version,
            ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Get(String caller, ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    /** A new version of the text is current; the session it was saved from, if any, is remembered. */
    public record Update(String caller, String version, String sessionId, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Rename(String caller, String name, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Delete(String caller, ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record NotebookCreated(
            String accountId, String workGroup, String name, String type, String version, Instant creationTime)
            implements Event {}

    public record NotebookUpdated(String version, String sessionId, Instant time) implements Event {}

    public record NotebookRenamed(String name, Instant time) implements Event {}

    public record NotebookDeleted(Instant time) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    public record NotebookSession(String sessionId, Instant creationTime) implements CborSerializable {}

    /** Also the answer to every command: the notebook's metadata and its current version. */
    public record Active(
            String notebookId,
            String accountId,
            String workGroup,
            String name,
            String type,
            String version,
            Instant creationTime,
            Instant lastModifiedTime,
            List<NotebookSession> sessions)
            implements State {

        Active updated(String newVersion, String sessionId, Instant time) {
            List<NotebookSession> kept = new ArrayList<>(sessions);
            if (sessionId != null && kept.stream().noneMatch(s -> s.sessionId().equals(sessionId))) {
                kept.add(0, new NotebookSession(sessionId, time));
            }
            return new Active(
                    notebookId,
                    accountId,
                    workGroup,
                    name,
                    type,
                    newVersion,
                    creationTime,
                    time,
                    List.copyOf(kept.subList(0, Math.min(SESSIONS_KEPT, kept.size()))));
        }

        Active renamed(String newName, Instant time) {
            return new Active(notebookId, accountId, workGroup, newName, type, version, creationTime, time, sessions);
        }
    }

    public record Deleted() implements State {}

    public static Behavior<Command> create(String notebookId) {
        return new Notebook(notebookId);
    }

    private final String notebookId;

    private Notebook(String notebookId) {
        super(ENTITY_TYPE_KEY, TAG, notebookId);
        this.notebookId = notebookId;
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
                                .persist(new NotebookCreated(
                                        command.accountId(),
                                        command.workGroup(),
                                        command.name(),
                                        command.type(),
                                        command.version(),
                                        Instant.now()))
                                .thenReply(command.replyTo(), created -> StatusReply.success((Active) created)))
                .onAnyCommand(command -> refuse(command, notFound()));
        builder.forStateType(Active.class)
                .onCommand(Create.class, this::onCreateAgain)
                .onCommand(
                        Get.class,
                        (state, command) -> Effect().reply(command.replyTo(), owned(state, command.caller())))
                .onCommand(Update.class, (state, command) -> {
                    if (!state.accountId().equals(command.caller())) {
                        return Effect().reply(command.replyTo(), StatusReply.error(notFound()));
                    }
                    return Effect()
                            .persist(new NotebookUpdated(command.version(), command.sessionId(), Instant.now()))
                            .thenReply(command.replyTo(), updated -> StatusReply.success((Active) updated));
                })
                .onCommand(Rename.class, (state, command) -> {
                    if (!state.accountId().equals(command.caller())) {
                        return Effect().reply(command.replyTo(), StatusReply.error(notFound()));
                    }
                    return Effect()
                            .persist(new NotebookRenamed(command.name(), Instant.now()))
                            .thenReply(command.replyTo(), renamed -> StatusReply.success((Active) renamed));
                })
                .onCommand(Delete.class, (state, command) -> {
                    if (!state.accountId().equals(command.caller())) {
                        return Effect().reply(command.replyTo(), StatusReply.error(notFound()));
                    }
                    return Effect()
                            .persist(new NotebookDeleted(Instant.now()))
                            .thenReply(command.replyTo(), deleted -> StatusReply.success(state));
                });
        builder.forStateType(Deleted.class).onAnyCommand(command -> refuse(command, notFound()));
        return builder.build();
    }

    private ReplyEffect<Event, State> onCreateAgain(Active state, Create command) {
        boolean same = state.accountId().equals(command.accountId())
                && state.workGroup().equals(command.workGroup())
                && state.name().equals(command.name())
                && state.type().equals(command.type());
        return Effect()
                .reply(
                        command.replyTo(),
                        same
                                ? StatusReply.success(state)
                                : StatusReply.error(new Rejection.Conflict(
                                        "The ClientRequestToken was used for another notebook")));
    }

    /** Another account's notebook is not there for the caller. */
    private StatusReply<Active> owned(Active state, String caller) {
        return state.accountId().equals(caller) ? StatusReply.success(state) : StatusReply.error(notFound());
    }

    private Rejection notFound() {
        return new Rejection.NotFound("Notebook " + notebookId + " is not found");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        NotebookCreated.class,
                        (state, event) -> new Active(
                                notebookId,
                                event.accountId(),
                                event.workGroup(),
                                event.name(),
                                event.type(),
                                event.version(),
                                event.creationTime(),
                                event.creationTime(),
                                List.of()));
        builder.forStateType(Active.class)
                .onEvent(
                        NotebookUpdated.class,
                        (state, event) -> state.updated(event.version(), event.sessionId(), event.time()))
                .onEvent(NotebookRenamed.class, (state, event) -> state.renamed(event.name(), event.time()))
                .onEvent(NotebookDeleted.class, (state, event) -> new Deleted());
        return builder.build();
    }
}
