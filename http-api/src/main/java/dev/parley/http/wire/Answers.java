package dev.parley.http.wire;

import dev.parley.http.wire.model.ModelJson;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import software.amazon.awssdk.core.SdkPojo;

/** How a handler answers: an output of the model's typed classes, no content, or one page of a listing. */
public final class Answers extends AllDirectives {

    private static final int DEFAULT_MAX_RESULTS = 50;

    private final PaginationTokens tokens;

    public Answers(PaginationTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * What a listing asks for: the position after which it continues (from its {@code nextToken}, which must have
     * been issued for the same {@code scope}) and how many items (maxResults, 50 by default; the model bounds it).
     * The scope names the operation, the caller and every filter, so a token serves only the listing it came from.
     */
    public record PageRequest(String scope, Optional<Cursor> after, int maxResults) {}

    public PageRequest pageRequest(String scope, Integer maxResults, String nextToken) {
        return new PageRequest(
                scope, tokens.read(scope, nextToken), maxResults == null ? DEFAULT_MAX_RESULTS : maxResults);
    }

    /** One page of a listing as the operation's output, with a signed token for the next page. */
    public <T, I> Route page(
            PageRequest request,
            CompletionStage<Page<T>> page,
            Function<T, I> item,
            BiFunction<List<I>, String, SdkPojo> output) {
        return reply(
                page,
                result -> output.apply(
                        result.items().stream().map(item).toList(),
                        result.next()
                                .map(cursor -> tokens.issue(request.scope(), cursor))
                                .orElse(null)));
    }

    /** The operation's output, written by the one serializer of the service model's typed classes. */
    public <T> Route reply(CompletionStage<T> answer, Function<T, SdkPojo> output) {
        return onSuccess(
                answer,
                value -> complete(
                        StatusCodes.OK,
                        HttpEntities.create(
                                ContentTypes.APPLICATION_JSON,
                                ModelJson.write(output.apply(value)).toString())));
    }

    public Route noContent(CompletionStage<?> answer) {
        return onSuccess(answer, done -> complete(StatusCodes.NO_CONTENT));
    }
}
