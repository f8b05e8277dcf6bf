package dev.parley.http.athena;

import dev.parley.actors.common.Rejection;
import dev.parley.actors.session.Calculation;
import dev.parley.actors.session.EngineBudget;
import dev.parley.actors.session.Executor;
import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.actors.workgroup.WorkGroupState;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.Constraints;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import dev.parley.persistence.SessionReadModel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.EngineConfiguration;
import software.amazon.awssdk.services.athena.model.GetSessionRequest;
import software.amazon.awssdk.services.athena.model.GetSessionResponse;
import software.amazon.awssdk.services.athena.model.GetSessionStatusRequest;
import software.amazon.awssdk.services.athena.model.GetSessionStatusResponse;
import software.amazon.awssdk.services.athena.model.ListExecutorsRequest;
import software.amazon.awssdk.services.athena.model.ListExecutorsResponse;
import software.amazon.awssdk.services.athena.model.ListSessionsRequest;
import software.amazon.awssdk.services.athena.model.ListSessionsResponse;
import software.amazon.awssdk.services.athena.model.StartSessionRequest;
import software.amazon.awssdk.services.athena.model.StartSessionResponse;
import software.amazon.awssdk.services.athena.model.TerminateSessionRequest;
import software.amazon.awssdk.services.athena.model.TerminateSessionResponse;

/**
 * Sessions: StartSession asks the caller's work group, then the session (each session is its own entity, its id a
 * UUID, or derived from the caller's ClientRequestToken so a retry reaches the same session); ListSessions reads the
 * read side. Another account's session is not found.
 */
final class SessionOperations {

    static final String TERMINATED_BY_REQUEST = "Session was terminated by request";

    /** Athena's default SessionIdleTimeoutInMinutes. */
    static final int DEFAULT_IDLE_TIMEOUT_MINUTES = 15;

    private static final Set<String> START_SESSION = Set.of(
            "WorkGroup",
            "EngineConfiguration",
            "Description",
            "SessionIdleTimeoutInMinutes",
            "ClientRequestToken",
            "NotebookVersion");

    private static final Set<String> ENGINE_CONFIGURATION =
            Set.of("CoordinatorDpuSize", "MaxConcurrentDpus", "DefaultExecutorDpuSize", "SparkProperties");

    private final AthenaEntities entities;
    private final SessionReadModel sessions;
    private final Answers answers;

    SessionOperations(AthenaEntities entities, SessionReadModel sessions, Answers answers) {
        this.entities = entities;
        this.sessions = sessions;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("StartSession", StartSessionRequest::builder, this::startSession)
                .serve("GetSession", GetSessionRequest::builder, this::getSession)
                .serve("GetSessionStatus", GetSessionStatusRequest::builder, this::getSessionStatus)
                .serve("ListSessions", ListSessionsRequest::builder, this::listSessions)
                .serve("TerminateSession", TerminateSessionRequest::builder, this::terminateSession)
                .serve("ListExecutors", ListExecutorsRequest::builder, this::listExecutors);
    }

    private Route startSession(String account, StartSessionRequest request) {
        AthenaErrors.onlySupported(request, "StartSessionRequest", START_SESSION);
        EngineConfiguration engine = request.engineConfiguration();
        AthenaErrors.onlySupported(engine, "EngineConfiguration", ENGINE_CONFIGURATION);
        EngineBudget budget = AthenaErrors.checked(() -> EngineBudget.of(
                engine.coordinatorDpuSize(),
                engine.maxConcurrentDpus(),
                engine.defaultExecutorDpuSize(),
                engine.sparkProperties()));
        String sessionId = request.clientRequestToken() == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(
                                (account + "\n" + request.clientRequestToken()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        CompletionStage<Session.Active> started = entities.askWorkGroup(
                        account, request.workGroup(), WorkGroup.Get::new, AthenaErrors::of)
                .thenCompose(workGroup -> {
                    hostsSessions(workGroup);
                    Session.Parameters parameters = new Session.Parameters(
                            account,
                            workGroup.name(),
                            request.description(),
                            budget,
                            request.sessionIdleTimeoutInMinutes() == null
                                    ? DEFAULT_IDLE_TIMEOUT_MINUTES
                                    : request.sessionIdleTimeoutInMinutes(),
                            request.notebookVersion(),
                            workGroup.configuration().outputLocation());
                    return entities.writeSession(
                            account,
                            sessionId,
                            (ActorRef<StatusReply<Session.Active>> replyTo) -> new Session.Start(parameters, replyTo),
                            SessionOperations::startRefused);
                });
        return answers.reply(
                started,
                session -> StartSessionResponse.builder()
                        .sessionId(session.sessionId())
                        .state(session.state().name())
                        .build());
    }

    private static void hostsSessions(WorkGroup.Active workGroup) {
        if (!workGroup.configuration().sparkEnabled()) {
            throw AwsError.invalidRequest(
                    "WorkGroup " + workGroup.name() + " is not enabled for Apache Spark: its engine version is "
                            + workGroup.configuration().selectedEngineVersion(),
                    AthenaErrors.INVALID_STATE);
        }
        if (workGroup.state() != WorkGroupState.ENABLED) {
            throw AwsError.invalidRequest(
                    "WorkGroup " + workGroup.name() + " is " + workGroup.state(), AthenaErrors.INVALID_STATE);
        }
    }

    /** A ClientRequestToken reused with other parameters names a session that already exists. */
    private static AwsError startRefused(Rejection rejection) {
        return rejection instanceof Rejection.Conflict
                ? new AwsError("SessionAlreadyExistsException", 400, rejection.getMessage())
                        .with("Message", rejection.getMessage())
                : AthenaErrors.of(rejection);
    }

    private Route getSession(String account, GetSessionRequest request) {
        return answers.reply(
                session(account, request.sessionId()),
                session -> GetSessionResponse.builder()
                        .sessionId(session.sessionId())
                        .workGroup(session.parameters().workGroup())
                        .description(session.parameters().description())
                        .engineVersion(AthenaOutputs.SPARK.selectedEngineVersion())
                        .notebookVersion(session.parameters().notebookVersion())
                        .engineConfiguration(AthenaOutputs.engineConfiguration(
                                session.parameters().engine()))
                        .sessionConfiguration(AthenaOutputs.sessionConfiguration(session.parameters()))
                        .statistics(s -> s.dpuExecutionInMillis(session.calculations().stream()
                                .mapToLong(Calculation::dpuMillis)
                                .sum()))
                        .status(AthenaOutputs.sessionStatus(session))
                        .build());
    }

    private Route getSessionStatus(String account, GetSessionStatusRequest request) {
        return answers.reply(
                session(account, request.sessionId()),
                session -> GetSessionStatusResponse.builder()
                        .sessionId(session.sessionId())
                        .status(AthenaOutputs.sessionStatus(session))
                        .build());
    }

    private Route terminateSession(String account, TerminateSessionRequest request) {
        String sessionId = knownForm(request.sessionId());
        return answers.reply(
                entities.writeSession(
                        account,
                        sessionId,
                        (ActorRef<StatusReply<Session.Active>> replyTo) ->
                                new Session.Terminate(account, TERMINATED_BY_REQUEST, replyTo),
                        rejection -> AthenaErrors.of(rejection, sessionId)),
                session -> TerminateSessionResponse.builder()
                        .state(session.state().name())
                        .build());
    }

    private Route listSessions(String account, ListSessionsRequest request) {
        Optional<String> filter = Optional.ofNullable(request.stateFilterAsString());
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers,
                "ListSessions|" + account + "|" + request.workGroup() + "|" + filter.orElse(""),
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<SessionReadModel.SessionRow>> listed = entities.askWorkGroup(
                        account,
                        request.workGroup(),
                        WorkGroup.Get::new,
                        rejection -> AthenaErrors.of(rejection, request.workGroup()))
                .thenCompose(workGroup -> entities.afterWritesOf(
                        account,
                        () -> sessions.listForWorkGroup(
                                account, request.workGroup(), filter, page.after(), page.maxResults())));
        return answers.page(
                page,
                listed,
                AthenaOutputs::sessionSummary,
                (items, next) -> ListSessionsResponse.builder()
                        .sessions(items)
                        .nextToken(next)
                        .build());
    }

    /** Served by the session, which records its executors: oldest first, ExecutorStateFilter, signed pages. */
    private Route listExecutors(String account, ListExecutorsRequest request) {
        String sessionId = knownForm(request.sessionId());
        Optional<String> filter = Optional.ofNullable(request.executorStateFilterAsString());
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers,
                "ListExecutors|" + account + "|" + sessionId + "|" + filter.orElse(""),
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<Executor>> listed = session(account, sessionId)
                .thenApply(session -> Page.of(
                        session.executors().stream()
                                .filter(executor -> filter.isEmpty()
                                        || executor.state().name().equals(filter.get()))
                                .toList(),
                        page.after(),
                        page.maxResults(),
                        executor -> new Cursor(executor.startDateTime().toEpochMilli(), executor.executorId())));
        return answers.page(
                page,
                listed,
                AthenaOutputs::executorSummary,
                (items, next) -> ListExecutorsResponse.builder()
                        .sessionId(sessionId)
                        .executorsSummary(items)
                        .nextToken(next)
                        .build());
    }

    private CompletionStage<Session.Active> session(String account, String sessionId) {
        String id = knownForm(sessionId);
        Function<ActorRef<StatusReply<Session.Active>>, Session.Command> get =
                replyTo -> new Session.Get(account, replyTo);
        return entities.askSession(id, get, rejection -> AthenaErrors.of(rejection, id));
    }

    /** Session ids are UUIDs; anything else names no session, and is not made into an entity. */
    static String knownForm(String sessionId) {
        if (!Constraints.UUID.matcher(sessionId).matches()) {
            throw AthenaErrors.resourceNotFound("Session " + sessionId + " is not found", sessionId);
        }
        return sessionId;
    }
}
