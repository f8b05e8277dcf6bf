package dev.parley.actors.session;

import dev.parley.actors.common.CborSerializable;
import dev.parley.actors.common.ExpectsStatusReply;
import dev.parley.actors.common.ParleyEntity;
import dev.parley.actors.common.Rejection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
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
 * An Athena session: CREATING -> CREATED -> IDLE <-> BUSY -> TERMINATING -> TERMINATED, and its calculations, which a
 * {@link Coordinator} on this node runs one at a time (BUSY while one is queued or runs). Idle timeout: the deadline is the
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

    /** StartCalculationExecution; a {@code calculationId} already used answers that calculation. */
    public record StartCalculation(
            String caller,
            String calculationId,
            String description,
            String codeBlock,
            ActorRef<StatusReply<Calculation>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record GetCalculation(String caller, String calculationId, ActorRef<StatusReply<Calculation>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record ListCalculations(String caller, ActorRef<StatusReply<Calculations>> replyTo)
            implements Command, ExpectsStatusReply {}

    public record StopCalculation(String caller, String calculationId, ActorRef<StatusReply<Calculation>> replyTo)
            implements Command, ExpectsStatusReply {}

    /** The session's calculations, oldest first. */
    public record Calculations(List<Calculation> items) implements CborSerializable {}

    record CalculationRan(String calculationId, Coordinator.Outcome outcome) implements Command {}

    record CalculationProgress(String calculationId, String progress) implements Command {}

    record Restored(String failure) implements Command {}

    private record Dispatch() implements Command {}

    private record CoordinatorStarted(String executorId, String node) implements Command {}

    /** The executors named are gone; named, so that one started meanwhile is not taken for them. */
    private record LoseExecutors(List<String> executorIds) implements Command {}

    /**
     * The calculations named lost their work; named, because a calculation started by the very request that woke the
     * session is handled before this and must not be taken for one of them.
     */
    private record Interrupted(String reason, List<String> calculationIds) implements Command {}

    private record CoordinatorStopped() implements Command {}

    private record IdleDeadline() implements Command {}

    // Events

    public sealed interface Event extends CborSerializable {}

    public record SessionStarted(Parameters parameters, Instant startDateTime) implements Event {}

    public record SessionCreated(Instant time) implements Event {}

    public record SessionIdle(Instant time) implements Event {}

    public record SessionTerminating(Instant time, String reason) implements Event {}

    public record SessionTerminated(Instant time) implements Event {}

    /** Created and queued at once: CREATING and CREATED pass within the request. */
    public record CalculationQueued(Calculation calculation) implements Event {}

    public record CalculationRunning(String calculationId, Instant time) implements Event {}

    public record CalculationCanceling(String calculationId, Instant time) implements Event {}

    public record CalculationFinished(String calculationId, Coordinator.Outcome outcome, Instant time)
            implements Event {}

    /** The node stopped while these calculations were queued or running; their work is lost. */
    public record CalculationsInterrupted(Instant time, String reason, List<String> calculationIds) implements Event {

        /** Events written before they named their calculations ({@code null}) meant every unfinished one. */
        boolean interrupts(Calculation calculation) {
            return !calculation.state().finished()
                    && (calculationIds == null || calculationIds.contains(calculation.calculationId()));
        }
    }

    /** A coordinator was started for the session on {@code node}. */
    public record ExecutorRegistered(String executorId, String node, Instant time) implements Event {}

    /** The executors that were running when the session's node stopped or was lost are gone. */
    public record ExecutorsLost(Instant time, List<String> executorIds) implements Event {}

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
            String stateChangeReason,
            List<Calculation> calculations,
            List<Executor> executors)
            implements State {

        public Active {
            // Snapshots taken before calculations (or executors) existed have none.
            calculations = calculations == null ? List.of() : List.copyOf(calculations);
            executors = executors == null ? List.of() : List.copyOf(executors);
        }

        Active withExecutors(List<Executor> changed) {
            return new Active(
                    sessionId,
                    parameters,
                    state,
                    startDateTime,
                    idleSinceDateTime,
                    lastModifiedDateTime,
                    endDateTime,
                    stateChangeReason,
                    calculations,
                    changed);
        }

        Active executorsEnded(Executor.State end, Instant time) {
            return withExecutors(executors.stream().map(e -> e.ended(end, time)).toList());
        }

        Active moved(SessionState newState, Instant time) {
            return new Active(
                    sessionId,
                    parameters,
                    newState,
                    startDateTime,
                    newState == SessionState.IDLE ? time : null,
                    time,
                    newState == SessionState.TERMINATED ? time : endDateTime,
                    stateChangeReason,
                    calculations,
                    executors);
        }

        Active withCalculations(List<Calculation> changed) {
            return new Active(
                    sessionId,
                    parameters,
                    state,
                    startDateTime,
                    idleSinceDateTime,
                    lastModifiedDateTime,
                    endDateTime,
                    stateChangeReason,
                    changed,
                    executors);
        }

        Active changed(String calculationId, UnaryOperator<Calculation> change) {
            return withCalculations(calculations.stream()
                    .map(c -> c.calculationId().equals(calculationId) ? change.apply(c) : c)
                    .toList());
        }

        /** BUSY while a calculation is queued or runs, IDLE (since {@code time}) once none is. */
        Active settled(Instant time) {
            boolean busy = calculations.stream().anyMatch(c -> !c.state().finished());
            SessionState next = busy ? SessionState.BUSY : SessionState.IDLE;
            return next == state ? this : moved(next, time);
        }

        Optional<Calculation> calculation(String calculationId) {
            return calculations.stream()
                    .filter(c -> c.calculationId().equals(calculationId))
                    .findFirst();
        }
    }

    /**
     * {@code minute} is how long one minute of SessionIdleTimeoutInMinutes lasts (a minute, but tests shorten it);
     * {@code shard} is told when a terminated session passivates.
     */
    public static Behavior<Command> create(
            String sessionId, Duration minute, Path dataDir, ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(context ->
                Behaviors.withTimers(timers -> new Session(sessionId, minute, dataDir, shard, context, timers)));
    }

    /**
     * Calculations waiting beside the one that runs; one more is refused as a {@link Rejection.Conflict}
     * (TooManyRequestsException), the only Conflict StartCalculation answers.
     */
    public static final int MAX_QUEUED = 5;

    static final String INTERRUPTED = "Parley stopped while the calculation was queued or running; its work was lost";
    static final String COORDINATOR_LOST =
            "The session's coordinator stopped while the calculation was queued or running; its work was lost";

    private final String sessionId;
    private final Duration minute;
    private final Path dataDir;
    /** Not persistent: the engine side of this session on this node, started when first needed. */
    private ActorRef<Coordinator.Message> coordinator;
    /** True while the coordinator re-runs completed calculations' views; the session shows DEGRADED. */
    private boolean restoring;
    /** Progress of the running calculation, as the coordinator reports it; not persisted. */
    private final Map<String, String> progress = new HashMap<>();

    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;

    private Session(
            String sessionId,
            Duration minute,
            Path dataDir,
            ActorRef<ClusterSharding.ShardCommand> shard,
            ActorContext<Command> context,
            TimerScheduler<Command> timers) {
        super(ENTITY_TYPE_KEY, TAG, sessionId);
        this.sessionId = sessionId;
        this.minute = minute;
        this.dataDir = dataDir;
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
                .onAnyCommand(command -> refuse(command, notFound()));
        builder.forStateType(Active.class)
                .onCommand(Start.class, this::onRepeatedStart)
                .onCommand(
                        Get.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        owned(state, command.caller())
                                                ? StatusReply.success(shown(state))
                                                : StatusReply.error(notFound())))
                .onCommand(Terminate.class, this::onTerminate)
                .onCommand(Ready.class, (state, command) -> onReady(state))
                .onCommand(IdleDeadline.class, (state, command) -> onIdleDeadline(state))
                .onCommand(
                        Wake.class,
                        (state, command) -> state.state().live() ? Effect().noReply() : passivate())
                .onCommand(StartCalculation.class, this::onStartCalculation)
                .onCommand(
                        GetCalculation.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        calculation(state, command.caller(), command.calculationId())))
                .onCommand(
                        ListCalculations.class,
                        (state, command) -> Effect()
                                .reply(
                                        command.replyTo(),
                                        owned(state, command.caller())
                                                ? StatusReply.success(new Calculations(state.calculations().stream()
                                                        .map(this::withProgress)
                                                        .toList()))
                                                : StatusReply.error(notFound())))
                .onCommand(StopCalculation.class, this::onStopCalculation)
                .onCommand(CalculationProgress.class, (state, command) -> {
                    progress.put(command.calculationId(), command.progress());
                    return Effect().noReply();
                })
                .onCommand(CalculationRan.class, this::onCalculationRan)
                .onCommand(Restored.class, (state, command) -> {
                    restoring = false;
                    if (command.failure() != null) {
                        context.getLog()
                                .warn("Session {} lost views while restoring: {}", sessionId, command.failure());
                    }
                    context.getSelf().tell(new Dispatch());
                    return Effect().noReply();
                })
                .onCommand(Dispatch.class, (state, command) -> onDispatch(state))
                .onCommand(
                        CoordinatorStarted.class,
                        (state, command) -> Effect()
                                .persist(new ExecutorRegistered(command.executorId(), command.node(), Instant.now()))
                                .thenNoReply())
                .onCommand(CoordinatorStopped.class, (state, command) -> {
                    coordinator = null;
                    progress.clear();
                    if (state.state().live()) {
                        context.getLog().warn("The coordinator of session {} stopped; restoring its views", sessionId);
                        context.getSelf().tell(new LoseExecutors(registered(state)));
                        // Only what ran on it is lost; what waits in the queue runs on the new coordinator.
                        context.getSelf()
                                .tell(new Interrupted(
                                        COORDINATOR_LOST,
                                        state.calculations().stream()
                                                .filter(c -> c.state() == CalculationState.RUNNING
                                                        || c.state() == CalculationState.CANCELING)
                                                .map(Calculation::calculationId)
                                                .toList()));
                        restoreViews(state);
                    }
                    return Effect().noReply();
                })
                .onCommand(
                        LoseExecutors.class,
                        (state, command) -> Effect()
                                .persist(new ExecutorsLost(Instant.now(), command.executorIds()))
                                .thenNoReply())
                .onCommand(Interrupted.class, (state, command) -> {
                    CalculationsInterrupted interrupted =
                            new CalculationsInterrupted(Instant.now(), command.reason(), command.calculationIds());
                    return state.calculations().stream().noneMatch(interrupted::interrupts)
                            ? Effect().noReply()
                            : Effect()
                                    .persist(interrupted)
                                    .thenRun(after -> watchIdleDeadline((Active) after))
                                    .thenNoReply();
                });
        return builder.build();
    }

    private ReplyEffect<Event, State> onStartCalculation(Active state, StartCalculation command) {
        if (!owned(state, command.caller())) {
            return Effect().reply(command.replyTo(), StatusReply.error(notFound()));
        }
        Optional<Calculation> known = state.calculation(command.calculationId());
        if (known.isPresent()) {
            return Effect().reply(command.replyTo(), StatusReply.success(withProgress(known.get())));
        }
        if (state.state() != SessionState.IDLE && state.state() != SessionState.BUSY) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Invalid(
                                    "Session " + sessionId + " is " + state.state() + ", not IDLE or BUSY")));
        }
        long queued = state.calculations().stream()
                .filter(c -> c.state() == CalculationState.QUEUED)
                .count();
        if (queued >= MAX_QUEUED) {
            return Effect()
                    .reply(
                            command.replyTo(),
                            StatusReply.error(new Rejection.Conflict("Session " + sessionId + " already has "
                                    + MAX_QUEUED + " calculations queued; wait for one to finish")));
        }
        Instant now = Instant.now();
        Calculation calculation = new Calculation(
                command.calculationId(),
                command.description(),
                command.codeBlock(),
                CalculationState.QUEUED,
                now,
                null,
                null,
                0,
                "",
                null,
                null,
                null);
        timers.cancel("idle");
        return Effect()
                .persist(new CalculationQueued(calculation))
                .thenRun(queuedNow -> context.getSelf().tell(new Dispatch()))
                .thenReply(command.replyTo(), queuedNow -> StatusReply.success(calculation));
    }

    private ReplyEffect<Event, State> onDispatch(Active state) {
        boolean running = state.calculations().stream()
                .anyMatch(c -> c.state() == CalculationState.RUNNING || c.state() == CalculationState.CANCELING);
        Optional<Calculation> next = state.calculations().stream()
                .filter(c -> c.state() == CalculationState.QUEUED)
                .findFirst();
        if (restoring || running || next.isEmpty() || !state.state().live()) {
            return Effect().noReply();
        }
        Calculation calculation = next.get();
        return Effect()
                .persist(new CalculationRunning(calculation.calculationId(), Instant.now()))
                .thenRun(started -> coordinator(state)
                        .tell(new Coordinator.Run(
                                calculation.calculationId(),
                                calculation.codeBlock(),
                                state.parameters().workingDirectory(),
                                state.parameters().engine().maxConcurrentDpus())))
                .thenNoReply();
    }

    private ReplyEffect<Event, State> onStopCalculation(Active state, StopCalculation command) {
        Optional<Calculation> found =
                owned(state, command.caller()) ? state.calculation(command.calculationId()) : Optional.empty();
        if (found.isEmpty()) {
            return Effect().reply(command.replyTo(), StatusReply.error(calculationNotFound(command.calculationId())));
        }
        Calculation calculation = found.get();
        Instant now = Instant.now();
        String id = calculation.calculationId();
        return switch (calculation.state()) {
            case QUEUED ->
                Effect()
                        .persist(List.of(
                                new CalculationCanceling(id, now),
                                new CalculationFinished(
                                        id,
                                        new Coordinator.Outcome(
                                                CalculationState.CANCELED,
                                                "Canceled by request before it ran",
                                                0,
                                                "0 statements run",
                                                null,
                                                null,
                                                null),
                                        now)))
                        .thenRun(stopped -> watchIdleDeadline((Active) stopped))
                        .thenReply(command.replyTo(), stopped -> reply((Active) stopped, id));
            case RUNNING ->
                Effect()
                        .persist(new CalculationCanceling(id, now))
                        .thenRun(stopping -> coordinator(state).tell(new Coordinator.Cancel(id)))
                        .thenReply(command.replyTo(), stopping -> reply((Active) stopping, id));
            default -> Effect().reply(command.replyTo(), StatusReply.success(calculation));
        };
    }

    private ReplyEffect<Event, State> onCalculationRan(Active state, CalculationRan command) {
        progress.remove(command.calculationId());
        boolean live = state.calculation(command.calculationId())
                .map(c -> !c.state().finished())
                .orElse(false);
        if (!live) {
            return Effect().noReply();
        }
        return Effect()
                .persist(new CalculationFinished(command.calculationId(), command.outcome(), Instant.now()))
                .thenRun(finished -> {
                    watchIdleDeadline((Active) finished);
                    context.getSelf().tell(new Dispatch());
                })
                .thenNoReply();
    }

    private static List<String> registered(Active state) {
        return state.executors().stream()
                .filter(e -> e.state() == Executor.State.REGISTERED)
                .map(Executor::executorId)
                .toList();
    }

    /** The engine state died (with the node, or with the coordinator): views are made again before anything runs. */
    private void restoreViews(Active active) {
        List<String> completed = active.calculations().stream()
                .filter(c -> c.state() == CalculationState.COMPLETED)
                .map(Calculation::codeBlock)
                .toList();
        restoring = !completed.isEmpty();
        if (restoring) {
            coordinator(active).tell(new Coordinator.Restore(completed));
        }
    }

    private ActorRef<Coordinator.Message> coordinator(Active state) {
        if (coordinator == null) {
            coordinator = context.spawn(
                    Coordinator.create(
                            state.parameters().engine(),
                            dataDir,
                            state.parameters().accountId(),
                            context.getSelf()),
                    "coordinator");
            context.watchWith(coordinator, new CoordinatorStopped());
            context.getSelf()
                    .tell(new CoordinatorStarted(
                            UUID.randomUUID().toString(),
                            context.getSystem().address().toString()));
        }
        return coordinator;
    }

    private StatusReply<Calculation> calculation(Active state, String caller, String calculationId) {
        Optional<Calculation> found = owned(state, caller) ? state.calculation(calculationId) : Optional.empty();
        return found.map(c -> StatusReply.success(withProgress(c)))
                .orElseGet(() -> StatusReply.error(calculationNotFound(calculationId)));
    }

    private StatusReply<Calculation> reply(Active state, String calculationId) {
        return StatusReply.success(state.calculation(calculationId).orElseThrow());
    }

    private Calculation withProgress(Calculation calculation) {
        String now = progress.get(calculation.calculationId());
        return now == null || calculation.state().finished()
                ? calculation
                : new Calculation(
                        calculation.calculationId(),
                        calculation.description(),
                        calculation.codeBlock(),
                        calculation.state(),
                        calculation.submissionDateTime(),
                        calculation.completionDateTime(),
                        calculation.stateChangeReason(),
                        calculation.dpuMillis(),
                        now,
                        calculation.resultUri(),
                        calculation.stdOutUri(),
                        calculation.stdErrorUri());
    }

    /** DEGRADED while the views of completed calculations are being restored. */
    private Active shown(Active state) {
        return restoring && state.state() == SessionState.IDLE
                ? new Active(
                        state.sessionId(),
                        state.parameters(),
                        SessionState.DEGRADED,
                        state.startDateTime(),
                        state.idleSinceDateTime(),
                        state.lastModifiedDateTime(),
                        state.endDateTime(),
                        "Restoring the session's views after a restart",
                        state.calculations(),
                        state.executors())
                : state;
    }

    private Rejection calculationNotFound(String calculationId) {
        return new Rejection.NotFound("Calculation " + calculationId + " is not found");
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
                        if (!registered(active).isEmpty()) {
                            // Whatever ran before this recovery ran on a node that stopped or was lost.
                            context.getSelf().tell(new LoseExecutors(registered(active)));
                        }
                        if (active.state().live()) {
                            context.getSelf()
                                    .tell(new Interrupted(
                                            INTERRUPTED,
                                            active.calculations().stream()
                                                    .filter(c -> !c.state().finished())
                                                    .map(Calculation::calculationId)
                                                    .toList()));
                            restoreViews(active);
                        }
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
                                null,
                                List.of(),
                                List.of()));
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
                            event.reason(),
                            terminating.calculations().stream()
                                    .map(c -> c.state().finished()
                                            ? c
                                            : c.moved(CalculationState.CANCELED, event.time(), event.reason()))
                                    .toList(),
                            terminating.executors());
                })
                .onEvent(
                        SessionTerminated.class,
                        (state, event) -> state.moved(SessionState.TERMINATED, event.time())
                                .executorsEnded(Executor.State.TERMINATED, event.time()))
                .onEvent(ExecutorRegistered.class, (state, event) -> {
                    List<Executor> executors = new ArrayList<>(state.executors());
                    executors.add(new Executor(
                            event.executorId(), event.node(), event.time(), null, Executor.State.REGISTERED));
                    return state.withExecutors(executors);
                })
                .onEvent(
                        ExecutorsLost.class,
                        (state, event) -> state.withExecutors(state.executors().stream()
                                .map(e -> event.executorIds() == null
                                                || event.executorIds().contains(e.executorId())
                                        ? e.ended(Executor.State.FAILED, event.time())
                                        : e)
                                .toList()))
                .onEvent(CalculationQueued.class, (state, event) -> {
                    List<Calculation> calculations = new ArrayList<>(state.calculations());
                    calculations.add(event.calculation());
                    return state.withCalculations(calculations)
                            .settled(event.calculation().submissionDateTime());
                })
                .onEvent(
                        CalculationRunning.class,
                        (state, event) -> state.changed(
                                        event.calculationId(),
                                        c -> c.moved(CalculationState.RUNNING, event.time(), null))
                                .settled(event.time()))
                .onEvent(
                        CalculationCanceling.class,
                        (state, event) -> state.changed(
                                event.calculationId(), c -> c.moved(CalculationState.CANCELING, event.time(), null)))
                .onEvent(
                        CalculationFinished.class,
                        (state, event) -> state.changed(
                                        event.calculationId(), c -> c.finished(event.outcome(), event.time()))
                                .settled(event.time()))
                .onEvent(
                        CalculationsInterrupted.class,
                        (state, event) -> state.withCalculations(state.calculations().stream()
                                        .map(c -> event.interrupts(c)
                                                ? c.moved(CalculationState.FAILED, event.time(), event.reason())
                                                : c)
                                        .toList())
                                .settled(event.time()));
        return builder.build();
    }
}
