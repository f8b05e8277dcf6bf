package dev.parley.http.athena;

import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.parley.actors.session.Session;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.CreatePresignedNotebookUrlRequest;
import software.amazon.awssdk.services.athena.model.CreatePresignedNotebookUrlResponse;
import software.amazon.awssdk.services.athena.model.GetSessionStatusResponse;

/**
 * CreatePresignedNotebookUrl, and the URL it makes: {@code /notebook-session/<sessionId>} on this service, opened with
 * {@code ?authToken=<AuthToken>} until AuthTokenExpirationTime. The token is an HMAC-SHA256 under a per-installation
 * secret over the account, the session and the expiry, so it opens that session of that account only, and only in
 * time. Parley has no notebook UI: the URL answers the session's status.
 */
public final class NotebookUrls {

    static final String PATH = "notebook-session";
    static final Duration LIFETIME = Duration.ofMinutes(60);

    private final AthenaEntities entities;
    private final Answers answers;
    private final SecretKeySpec key;
    private final Clock clock;

    NotebookUrls(AthenaEntities entities, Answers answers, byte[] secret, Clock clock) {
        this.entities = entities;
        this.answers = answers;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    void serveOn(ServedOperations operations) {
        operations.serve(
                "CreatePresignedNotebookUrl", CreatePresignedNotebookUrlRequest::builder, this::createPresignedUrl);
    }

    private Route createPresignedUrl(String account, CreatePresignedNotebookUrlRequest request) {
        String sessionId = SessionOperations.knownForm(request.sessionId());
        return extractUri(uri -> answers.reply(session(account, sessionId), session -> {
            long expires = clock.instant().plus(LIFETIME).getEpochSecond();
            return CreatePresignedNotebookUrlResponse.builder()
                    .notebookUrl(uri.scheme() + "://" + uri.host().address() + ":" + uri.port() + "/" + PATH + "/"
                            + sessionId)
                    .authToken(account + "." + expires + "." + signature(account, sessionId, expires))
                    .authTokenExpirationTime(expires)
                    .build();
        }));
    }

    /** The presigned URL itself: authenticated by its token, not by SigV4. */
    public Route route() {
        return get(() -> path(
                segment(PATH).slash(segment()),
                sessionId -> parameterOptional("authToken", token -> {
                    String account = verified(sessionId, token);
                    return answers.reply(
                            session(account, SessionOperations.knownForm(sessionId)),
                            session -> GetSessionStatusResponse.builder()
                                    .sessionId(session.sessionId())
                                    .status(AthenaOutputs.sessionStatus(session))
                                    .build());
                })));
    }

    /** The account the token was made for, or AccessDeniedException for a missing, forged or expired token. */
    private String verified(String sessionId, Optional<String> token) {
        String[] parts = token.orElse("").split("\\.", 3);
        AwsError denied = new AwsError(
                "AccessDeniedException", 403, "The notebook URL needs a valid, unexpired authToken for its session");
        if (parts.length != 3) {
            throw denied;
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw denied;
        }
        boolean genuine = MessageDigest.isEqual(
                signature(parts[0], sessionId, expires).getBytes(StandardCharsets.UTF_8),
                parts[2].getBytes(StandardCharsets.UTF_8));
        if (!genuine || clock.instant().getEpochSecond() >= expires) {
            throw denied;
        }
        return parts[0];
    }

    private String signature(String account, String sessionId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((account + "\n" + sessionId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private CompletionStage<Session.Active> session(String account, String sessionId) {
        return entities.askSession(
                sessionId,
                (ActorRef<StatusReply<Session.Active>> replyTo) -> new Session.Get(account, replyTo),
                rejection -> AthenaErrors.of(rejection, sessionId));
    }
}
