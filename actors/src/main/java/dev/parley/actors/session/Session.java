package dev.parley.actors.session;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * An Athena session: CREATING -> CREATED -> IDLE -> TERMINATING -> TERMINATED. Idle timeout: the deadline is the
 * IdleSinceDateTime in the journal plus SessionIdleTimeoutInMinutes, so a session woken after a restart
 * ({@link SessionWaker}) terminates on time or at once if the deadline passed while the node was down. A terminated
 * session passivates itself, so that nothing wakes it again.
 */
public final class Session extends ParleyEntity<Session.Command, Session.Event, Session.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Session");
    public static final String TAG = "session";

    /** What StartSession asked for; a ClientRequestToken repeated with other parameters is refused. */
    public record Parameters(
            String accountId,
            String workGroup,
            String description,
            EngineBudget engine,
            int idleTimeoutMinutes,
            String notebookVersion,
            String workingDirectory)
            implements CborSerializable {}

    // Commands

    public sealed interface Command extends CborSerializable {}

    public record Start(Parameters parameters, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record Get(String caller, ActorRef<StatusReply<Active>> replyTo) implements Command, ExpectsStatusReply {}

    /** TerminateSession, or the deletion of the session's work group; {@code reason} becomes StateChangeReason. */
    public record Terminate(String caller, String reason, ActorRef<StatusReply<Active>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** Brings a live session back after a restart, so that its idle deadline is watched again. Sent freely. */
    public record Wake() implements Command {}

    private record Ready() implements Command {}

    private record IdleDeadline() implements Command {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record SessionStarted(Parameters parameters, Instant startDateTime) implements Event {}

    public record SessionCreated(Instant time) implements Event {}

    public record SessionIdle(Instant time) implements Event {}

    public record SessionTerminating(Instant time, String reason) implements Event {}

    public record SessionTerminated(Instant time) implements Event {}

    // State

    public sealed interface State extends CborSerializable {}

    public record Empty() implements State {}

    /** A session that was started, whatever its state; also the answer to Get. */
    public record Active(
            String sessionId,
            Parameters parameters,
            SessionState state,
            Instant startDateTime,
            Instant idleSinceDateTime,
            Instant lastModifiedDateTime,
            Instant endDateTime,
            String stateChangeReason)
            implements State {

        Active moved(SessionState newState, Instant time) {
            return new Active(
                    sessionId,
                    parameters,
                    newState,
                    startDateTime,
                    newState == SessionState.IDLE ? time : null,
                    time,
                    newState == SessionState.TERMINATED ? time : endDateTime,
                    stateChangeReason);
        }
    }

    /**
     * {@code minute} is how long one minute of SessionIdleTimeoutInMinutes lasts (a minute, but tests shorten it);
     * {@code shard} is told when a terminated session passivates.
     */
    public static Behavior<Command> create(
            String sessionId, Duration minute, ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(
                context -> Behaviors.withTimers(timers -> new Session(sessionId, minute, shard, context, timers)));
    }

    private final String sessionId;
    private final Duration minute;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;

    private Session(
            String sessionId,
            Duration minute,
            ActorRef<ClusterSharding.ShardCommand> shard,
            ActorContext<Command> context,
            TimerScheduler<Command> timers) {
        super(ENTITY_TYPE_KEY, TAG, sessionId);
        this.sessionId = sessionId;
        this.minute = minute;
        this.shard = shard;
        this.context = context;
        this.timers = timers;
    }

    @Override
    public State emptyState() {
        return new Empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onCommand(Start.class, (state, command) -> {
                    Instant now = Instant.now();
                    return Effect()
                            .persist(List.of(new SessionStarted(command.parameters(), now), new SessionCreated(now)))
                            .thenRun(started -> context.getSelf().tell(new Ready()))
                            .thenReply(command.replyTo(), started -> StatusReply.success((Active) started));
                })
                .onCommand(Wake.class, (state, command) -> passivate())
                .onAnyCommand(command -> {
                    if (command instanceof ExpectsStatusReply expectsReply) {
                        expectsReply.reject(notFound());
                    }
                    return Effect().noReply();
                });
        builder.forStateType(Active.class)
                .onCommand(Start.class, this::onRepeatedStart)
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        owned(state, command.caller())
                                                ? StatusReply.success(state)
                                                : StatusReply.error(notFound())))
                .onCommand(Terminate.class, this::onTerminate)
                .onCommand(Ready.class, (state, command) -> onReady(state))
                .onCommand(IdleDeadline.class, (state, command) -> onIdleDeadline(state))
                .onCommand(
                        Wake.class,
                        (state, command) -> state.state().live() ? Effect().noReply() : passivate());
        return builder.build();
    }

    private ReplyEffect<Event, State> onRepeatedStart(Active state, Start command) {
        if (!state.parameters().equals(command.parameters())) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(
                                    new Rejection.Conflict("ClientRequestToken was already used to start session "
                                            + sessionId + " with other parameters")));
        }
        return Effect().reply(command.replyTo(), StatusReply.success(state));
    }

    private ReplyEffect<Event, State> onTerminate(Active state, Terminate command) {
        if (!owned(state, command.caller())) {
            return Effect().reply(command.replyTo(), StatusReply.error(notFound()));
        }
        if (!state.state().live()) {
            return Effect().reply(command.replyTo(), StatusReply.success(state));
        }
        return terminate(command.reason())
                .thenReply(command.replyTo(), terminated -> StatusReply.success((Active) terminated));
    }

    private ReplyEffect<Event, State> onReady(Active state) {
        if (state.state() != SessionState.CREATING && state.state() != SessionState.CREATED) {
            return Effect().noReply();
        }
        return Effect()
                .persist(new SessionIdle(Instant.now()))
                .thenRun(idle -> watchIdleDeadline((Active) idle))
                .thenNoReply();
    }

    private ReplyEffect<Event, State> onIdleDeadline(Active state) {
        Instant deadline = idleDeadline(state);
        if (deadline == null) {
            return Effect().noReply();
        }
        if (Instant.now().isBefore(deadline)) {
            watchIdleDeadline(state);
            return Effect().noReply();
        }
        return terminate("Session was terminated after being idle for "
                        + state.parameters().idleTimeoutMinutes() + " minutes")
                .thenNoReply();
    }

    private EffectBuilder<Event, State> terminate(String reason) {
        Instant now = Instant.now();
        return Effect()
                .persist(List.of(new SessionTerminating(now, reason), new SessionTerminated(now)))
                .thenRun(terminated -> {
                    timers.cancelAll();
                    shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
                });
    }

    private ReplyEffect<Event, State> passivate() {
        shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
        return Effect().noReply();
    }

    /** When an idle session terminates by itself, in this node's minutes; null when it is not idle. */
    private Instant idleDeadline(Active state) {
        return state.state() == SessionState.IDLE
                ? state.idleSinceDateTime()
                        .plus(minute.multipliedBy(state.parameters().idleTimeoutMinutes()))
                : null;
    }

    private void watchIdleDeadline(Active state) {
        Instant deadline = idleDeadline(state);
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            timers.startSingleTimer("idle", new IdleDeadline(), left.isNegative() ? Duration.ZERO : left);
        }
    }

    private static boolean owned(Active state, String caller) {
        return state.parameters().accountId().equals(caller);
    }

    private Rejection notFound() {
        return new Rejection.NotFound("Session " + sessionId + " is not found");
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    if (state instanceof Active active) {
                        if (active.state() == SessionState.CREATING || active.state() == SessionState.CREATED) {
                            context.getSelf().tell(new Ready());
                        }
                        watchIdleDeadline(active);
                    }
                })
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(
                        SessionStarted.class,
                        (state, event) -> new Active(
                                sessionId,
                                event.parameters(),
                                SessionState.CREATING,
                                event.startDateTime(),
                                null,
                                event.startDateTime(),
                                null,
                                null));
        builder.forStateType(Active.class)
                .onEvent(SessionCreated.class, (state, event) -> state.moved(SessionState.CREATED, event.time()))
                .onEvent(SessionIdle.class, (state, event) -> state.moved(SessionState.IDLE, event.time()))
                .onEvent(SessionTerminating.class, (state, event) -> {
                    Active terminating = state.moved(SessionState.TERMINATING, event.time());
                    return new Active(
                            terminating.sessionId(),
                            terminating.parameters(),
                            terminating.state(),
                            terminating.startDateTime(),
                            null,
                            terminating.lastModifiedDateTime(),
                            null,
                            event.reason());
                })
                .onEvent(SessionTerminated.class, (state, event) -> state.moved(SessionState.TERMINATED, event.time()));
        return builder.build();
    }
}
