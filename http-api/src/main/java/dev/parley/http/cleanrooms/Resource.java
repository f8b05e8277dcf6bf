package dev.parley.http.cleanrooms;

import dev.parley.actors.common.Rejection;
import dev.parley.http.wire.AwsError;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The entity behind one resource of a request. Its refusals leave naming the resource, as the model's errors do; its
 * acknowledged writes are recorded so that the writer's next listing includes them.
 */
final class Resource<C> {

    /** Asks the entity a command built around the reply address; generic in the answer, so not a lambda. */
    private interface Asker<C> {
        <T> CompletionStage<T> ask(Function<ActorRef<StatusReply<T>>, C> command, Duration timeout);
    }

    private final Asker<C> entity;
    private final String resourceType;
    private final String id;
    private final BiConsumer<String, String> writtenBy;
    private final Duration askTimeout;
    private final Executor blocking;

    Resource(
            EntityRef<C> entity,
            String resourceType,
            String id,
            BiConsumer<String, String> writtenBy,
            Duration askTimeout,
            Executor blocking) {
        this(
                new Asker<>() {
                    @Override
                    public <T> CompletionStage<T> ask(Function<ActorRef<StatusReply<T>>, C> command, Duration timeout) {
                        return entity.askWithStatus(command::apply, timeout);
                    }
                },
                resourceType,
                id,
                writtenBy,
                askTimeout,
                blocking);
    }

    private Resource(
            Asker<C> entity,
            String resourceType,
            String id,
            BiConsumer<String, String> writtenBy,
            Duration askTimeout,
            Executor blocking) {
        this.entity = entity;
        this.resourceType = resourceType;
        this.id = id;
        this.writtenBy = writtenBy;
        this.askTimeout = askTimeout;
        this.blocking = blocking;
    }

    /** The same resource asked commands of a slice it carries, each wrapped by {@code carrier} (e.g. tagging). */
    <D> Resource<D> carrying(Function<D, C> carrier) {
        Asker<C> outer = entity;
        Asker<D> inner = new Asker<>() {
            @Override
            public <T> CompletionStage<T> ask(Function<ActorRef<StatusReply<T>>, D> command, Duration timeout) {
                return outer.ask(replyTo -> carrier.apply(command.apply(replyTo)), timeout);
            }
        };
        return new Resource<>(inner, resourceType, id, writtenBy, askTimeout, blocking);
    }

    /** A command that changes the resource: once acknowledged, {@code account}'s listings will include it. */
    <T> CompletionStage<T> write(String account, Function<ActorRef<StatusReply<T>>, C> command) {
        return ask(command)
                .thenApplyAsync(
                        answer -> {
                            writtenBy.accept(account, id);
                            return answer;
                        },
                        blocking);
    }

    /** A command that only reads. */
    <T> CompletionStage<T> ask(Function<ActorRef<StatusReply<T>>, C> command) {
        return entity.ask(command, askTimeout).handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection rejection) {
                throw AwsError.of(rejection, resourceType, id);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }
}
