package dev.parley.http.athena;

import dev.parley.actors.Domain;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.notebook.Notebook;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.http.wire.AwsError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/** The entities an Athena request addresses, asked with their refusals in Athena's words. */
final class AthenaEntities {

    private final Domain domain;
    private final ReadYourWrites readYourWrites;
    private final Executor blocking;
    private final Duration askTimeout;

    AthenaEntities(Domain domain, ReadYourWrites readYourWrites, Executor blocking, Duration askTimeout) {
        this.domain = domain;
        this.readYourWrites = readYourWrites;
        this.blocking = blocking;
        this.askTimeout = askTimeout;
    }

    /** Asks the caller's work group {@code name} a command that only reads. */
    <T> CompletionStage<T> askWorkGroup(
            String account,
            String name,
            Function<ActorRef<StatusReply<T>>, WorkGroup.Command> command,
            Function<Rejection, AwsError> refusal) {
        return ask(domain.workGroup(account, name), command, refusal);
    }

    /** Asks the caller's work group {@code name} a change: once acknowledged, the caller's listings include it. */
    <T> CompletionStage<T> writeWorkGroup(
            String account, String name, Function<ActorRef<StatusReply<T>>, WorkGroup.Command> command) {
        return ask(domain.workGroup(account, name), command, AthenaErrors::of)
                .thenApplyAsync(
                        answer -> {
                            readYourWrites.wroteWorkGroup(account, name);
                            return answer;
                        },
                        blocking);
    }

    /** Asks session {@code sessionId} a command that only reads. */
    <T> CompletionStage<T> askSession(
            String sessionId,
            Function<ActorRef<StatusReply<T>>, Session.Command> command,
            Function<Rejection, AwsError> refusal) {
        return ask(domain.session(sessionId), command, refusal);
    }

    /** Asks session {@code sessionId} a change: once acknowledged, the caller's listings include it. */
    <T> CompletionStage<T> writeSession(
            String account,
            String sessionId,
            Function<ActorRef<StatusReply<T>>, Session.Command> command,
            Function<Rejection, AwsError> refusal) {
        return ask(domain.session(sessionId), command, refusal)
                .thenApplyAsync(
                        answer -> {
                            readYourWrites.wroteSession(account, sessionId);
                            return answer;
                        },
                        blocking);
    }

    /** Asks notebook {@code notebookId}; its listings are served by its work group, so no read side waits. */
    <T> CompletionStage<T> askNotebook(
            String notebookId,
            Function<ActorRef<StatusReply<T>>, Notebook.Command> command,
            Function<Rejection, AwsError> refusal) {
        return ask(domain.notebook(notebookId), command, refusal);
    }

    /** What a failed stage failed with, without the CompletionException around it. */
    static RuntimeException unwrapped(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** A read-model listing for {@code account}, once the read side holds that account's acknowledged writes. */
    <T> CompletionStage<T> afterWritesOf(String account, Supplier<T> listing) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        readYourWrites.awaitWritesOf(account);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                    return listing.get();
                },
                blocking);
    }

    private <C, T> CompletionStage<T> ask(
            EntityRef<C> entity, Function<ActorRef<StatusReply<T>>, C> command, Function<Rejection, AwsError> refusal) {
        return entity.<T>askWithStatus(command::apply, askTimeout).handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection rejection) {
                throw refusal.apply(rejection);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }
}
