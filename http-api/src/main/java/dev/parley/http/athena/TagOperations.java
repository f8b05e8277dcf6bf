package dev.parley.http.athena;

import dev.parley.actors.common.Taggable;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.Page;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.athena.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.athena.model.TagResourceRequest;
import software.amazon.awssdk.services.athena.model.TagResourceResponse;
import software.amazon.awssdk.services.athena.model.UntagResourceRequest;
import software.amazon.awssdk.services.athena.model.UntagResourceResponse;

/**
 * Tags on work groups, addressed by {@code arn:aws:athena:<region>:<account>:workgroup/<name>}. An ARN of another
 * region or account, or of anything else, names no resource the caller has: ResourceNotFoundException.
 */
final class TagOperations {

    private static final Pattern WORK_GROUP_ARN =
            Pattern.compile("arn:aws:athena:([a-z0-9-]+):(\\d{12}):workgroup/([a-zA-Z0-9._-]{1,128})");

    private final AthenaEntities entities;
    private final Answers answers;
    private final String region;

    TagOperations(AthenaEntities entities, Answers answers, String region) {
        this.entities = entities;
        this.answers = answers;
        this.region = region;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("TagResource", TagResourceRequest::builder, this::tagResource)
                .serve("UntagResource", UntagResourceRequest::builder, this::untagResource)
                .serve("ListTagsForResource", ListTagsForResourceRequest::builder, this::listTags);
    }

    private Route tagResource(String account, TagResourceRequest request) {
        Map<String, String> tags = WorkGroupOperations.tagMap(request.tags());
        return answers.reply(
                tagged(
                        account,
                        request.resourceARN(),
                        (ActorRef<StatusReply<Done>> replyTo) -> new Taggable.TagResource(account, tags, replyTo)),
                done -> TagResourceResponse.builder().build());
    }

    private Route untagResource(String account, UntagResourceRequest request) {
        return answers.reply(
                tagged(
                        account,
                        request.resourceARN(),
                        (ActorRef<StatusReply<Done>> replyTo) ->
                                new Taggable.UntagResource(account, request.tagKeys(), replyTo)),
                done -> UntagResourceResponse.builder().build());
    }

    private Route listTags(String account, ListTagsForResourceRequest request) {
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers,
                "ListTagsForResource|" + account + "|" + request.resourceARN(),
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<Map.Entry<String, String>>> tags = tagged(
                        account,
                        request.resourceARN(),
                        (ActorRef<StatusReply<Taggable.TagSet>> replyTo) -> new Taggable.ListTags(account, replyTo))
                .thenApply(set -> Page.of(
                        set.tags().entrySet().stream().toList(),
                        page.after(),
                        page.maxResults(),
                        tag -> new Cursor(0, tag.getKey())));
        return answers.page(
                page,
                tags,
                tag -> AthenaOutputs.tags(Map.of(tag.getKey(), tag.getValue())).get(0),
                (items, next) -> ListTagsForResourceResponse.builder()
                        .tags(items)
                        .nextToken(next)
                        .build());
    }

    private <T> CompletionStage<T> tagged(
            String account, String arn, Function<ActorRef<StatusReply<T>>, Taggable.Command> command) {
        Matcher workGroup = WORK_GROUP_ARN.matcher(arn);
        if (!workGroup.matches()
                || !workGroup.group(1).equals(region)
                || !workGroup.group(2).equals(account)) {
            throw AthenaErrors.resourceNotFound("No taggable resource " + arn, arn);
        }
        String name = workGroup.group(3);
        Function<ActorRef<StatusReply<T>>, WorkGroup.Command> carried =
                replyTo -> new WorkGroup.Tagging(command.apply(replyTo));
        return entities.askWorkGroup(account, name, carried, rejection -> AthenaErrors.of(rejection, arn));
    }
}
