package dev.parley.http.athena;

import dev.parley.actors.common.Rejection;
import dev.parley.actors.session.Calculation;
import dev.parley.actors.session.Session;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.CalculationResult;
import software.amazon.awssdk.services.athena.model.CalculationStatistics;
import software.amazon.awssdk.services.athena.model.CalculationStatus;
import software.amazon.awssdk.services.athena.model.CalculationSummary;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionCodeRequest;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionCodeResponse;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionStatusRequest;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionStatusResponse;
import software.amazon.awssdk.services.athena.model.ListCalculationExecutionsRequest;
import software.amazon.awssdk.services.athena.model.ListCalculationExecutionsResponse;
import software.amazon.awssdk.services.athena.model.StartCalculationExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartCalculationExecutionResponse;
import software.amazon.awssdk.services.athena.model.StopCalculationExecutionRequest;
import software.amazon.awssdk.services.athena.model.StopCalculationExecutionResponse;

/**
 * Calculations, kept in their session's journal. The model gives Get, Stop and their kin only the calculation's id (at
 * most 36 characters), so the id carries its session: the session's UUID in 22 base64url characters, then 14 of its
 * own (random, or derived from the caller's ClientRequestToken so that a retry answers the same calculation). Another
 * account's calculation is not found, as its session is not.
 */
final class CalculationOperations {

    private static final Set<String> START = Set.of("SessionId", "CodeBlock", "Description", "ClientRequestToken");
    private static final int SESSION_PART = 22;
    private static final int ID_LENGTH = 36;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AthenaEntities entities;
    private final Answers answers;

    CalculationOperations(AthenaEntities entities, Answers answers) {
        this.entities = entities;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("StartCalculationExecution", StartCalculationExecutionRequest::builder, this::start)
                .serve("GetCalculationExecution", GetCalculationExecutionRequest::builder, this::get)
                .serve("GetCalculationExecutionStatus", GetCalculationExecutionStatusRequest::builder, this::getStatus)
                .serve("GetCalculationExecutionCode", GetCalculationExecutionCodeRequest::builder, this::getCode)
                .serve("ListCalculationExecutions", ListCalculationExecutionsRequest::builder, this::list)
                .serve("StopCalculationExecution", StopCalculationExecutionRequest::builder, this::stop);
    }

    private Route start(String account, StartCalculationExecutionRequest request) {
        AthenaErrors.onlySupported(request, "StartCalculationExecutionRequest", START);
        if (request.codeBlock() == null || request.codeBlock().isBlank()) {
            throw AwsError.invalidRequest("CodeBlock is required", AthenaErrors.INVALID_INPUT);
        }
        String sessionId = SessionOperations.knownForm(request.sessionId());
        String calculationId = calculationId(account, sessionId, request.clientRequestToken());
        return answers.reply(
                entities.askSession(
                        sessionId,
                        (ActorRef<StatusReply<Calculation>> replyTo) -> new Session.StartCalculation(
                                account, calculationId, request.description(), request.codeBlock(), replyTo),
                        rejection -> startRefused(rejection, sessionId)),
                calculation -> StartCalculationExecutionResponse.builder()
                        .calculationExecutionId(calculation.calculationId())
                        .state(calculation.state().name())
                        .build());
    }

    /** The entity's only Conflict here is a full queue; its Invalid is a session that cannot take calculations. */
    private static AwsError startRefused(Rejection rejection, String sessionId) {
        if (rejection instanceof Rejection.Conflict) {
            return new AwsError("TooManyRequestsException", 400, rejection.getMessage())
                    .with("Message", rejection.getMessage())
                    .with("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED");
        }
        if (rejection instanceof Rejection.Invalid) {
            return AwsError.invalidRequest(rejection.getMessage(), AthenaErrors.INVALID_STATE);
        }
        return AthenaErrors.of(rejection, sessionId);
    }

    private Route get(String account, GetCalculationExecutionRequest request) {
        return answers.reply(
                calculation(account, request.calculationExecutionId()),
                calculation -> GetCalculationExecutionResponse.builder()
                        .calculationExecutionId(calculation.calculationId())
                        .sessionId(sessionOf(calculation.calculationId()))
                        .description(calculation.description())
                        .workingDirectory(folder(calculation))
                        .status(status(calculation))
                        .statistics(statistics(calculation))
                        .result(result(calculation))
                        .build());
    }

    private Route getStatus(String account, GetCalculationExecutionStatusRequest request) {
        return answers.reply(
                calculation(account, request.calculationExecutionId()),
                calculation -> GetCalculationExecutionStatusResponse.builder()
                        .status(status(calculation))
                        .statistics(statistics(calculation))
                        .build());
    }

    private Route getCode(String account, GetCalculationExecutionCodeRequest request) {
        return answers.reply(
                calculation(account, request.calculationExecutionId()),
                calculation -> GetCalculationExecutionCodeResponse.builder()
                        .codeBlock(calculation.codeBlock())
                        .build());
    }

    private Route list(String account, ListCalculationExecutionsRequest request) {
        String sessionId = SessionOperations.knownForm(request.sessionId());
        Optional<String> filter = Optional.ofNullable(request.stateFilterAsString());
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers,
                "ListCalculationExecutions|" + account + "|" + sessionId + "|" + filter.orElse(""),
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<Calculation>> listed = entities.askSession(
                        sessionId,
                        (ActorRef<StatusReply<Session.Calculations>> replyTo) ->
                                new Session.ListCalculations(account, replyTo),
                        rejection -> AthenaErrors.of(rejection, sessionId))
                .thenApply(calculations -> Page.of(
                        calculations.items().stream()
                                .filter(c ->
                                        filter.isEmpty() || c.state().name().equals(filter.get()))
                                .toList(),
                        page.after(),
                        page.maxResults(),
                        // Newest first: the keyset order is ascending, so time runs backwards.
                        c -> new Cursor(-c.submissionDateTime().toEpochMilli(), c.calculationId())));
        return answers.page(
                page,
                listed,
                calculation -> CalculationSummary.builder()
                        .calculationExecutionId(calculation.calculationId())
                        .description(calculation.description())
                        .status(status(calculation))
                        .build(),
                (items, next) -> ListCalculationExecutionsResponse.builder()
                        .calculations(items)
                        .nextToken(next)
                        .build());
    }

    private Route stop(String account, StopCalculationExecutionRequest request) {
        String calculationId = request.calculationExecutionId();
        String sessionId = sessionOf(calculationId);
        return answers.reply(
                entities.askSession(
                        sessionId,
                        (ActorRef<StatusReply<Calculation>> replyTo) ->
                                new Session.StopCalculation(account, calculationId, replyTo),
                        rejection -> AthenaErrors.of(rejection, calculationId)),
                calculation -> StopCalculationExecutionResponse.builder()
                        .state(calculation.state().name())
                        .build());
    }

    private CompletionStage<Calculation> calculation(String account, String calculationId) {
        String sessionId = sessionOf(calculationId);
        Function<ActorRef<StatusReply<Calculation>>, Session.Command> get =
                replyTo -> new Session.GetCalculation(account, calculationId, replyTo);
        return entities.askSession(sessionId, get, rejection -> AthenaErrors.of(rejection, calculationId));
    }

    private static CalculationStatus status(Calculation calculation) {
        return CalculationStatus.builder()
                .submissionDateTime(calculation.submissionDateTime())
                .completionDateTime(calculation.completionDateTime())
                .state(calculation.state().name())
                .stateChangeReason(calculation.stateChangeReason())
                .build();
    }

    private static CalculationStatistics statistics(Calculation calculation) {
        return CalculationStatistics.builder()
                .dpuExecutionInMillis(calculation.dpuMillis())
                .progress(calculation.progress())
                .build();
    }

    private static CalculationResult result(Calculation calculation) {
        if (calculation.stdOutUri() == null && calculation.stdErrorUri() == null) {
            return null;
        }
        return CalculationResult.builder()
                .resultS3Uri(calculation.resultUri())
                .resultType(calculation.resultUri() == null ? null : "text/csv")
                .stdOutS3Uri(calculation.stdOutUri())
                .stdErrorS3Uri(calculation.stdErrorUri())
                .build();
    }

    /** The folder the calculation's files are in, once it wrote any. */
    private static String folder(Calculation calculation) {
        String file = calculation.stdOutUri();
        return file == null ? null : file.substring(0, file.lastIndexOf('/') + 1);
    }

    private static String calculationId(String account, String sessionId, String clientRequestToken) {
        byte[] own;
        if (clientRequestToken == null) {
            own = new byte[11];
            RANDOM.nextBytes(own);
        } else {
            own = Arrays.copyOf(sha256(account + "\n" + sessionId + "\n" + clientRequestToken), 11);
        }
        UUID session = UUID.fromString(sessionId);
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(session.getMostSignificantBits())
                .putLong(session.getLeastSignificantBits());
        return (BASE64.encodeToString(bytes.array()) + BASE64.encodeToString(own)).substring(0, ID_LENGTH);
    }

    /** The session a calculation id names; an id Parley did not make names nothing. */
    private static String sessionOf(String calculationId) {
        if (calculationId.length() != ID_LENGTH) {
            throw notFound(calculationId);
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(calculationId.substring(0, SESSION_PART)));
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw notFound(calculationId);
        }
    }

    private static AwsError notFound(String calculationId) {
        return AthenaErrors.resourceNotFound("Calculation " + calculationId + " is not found", calculationId);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
