package dev.parley.http.cleanrooms;

import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.Constraints;
import dev.parley.http.wire.ServedOperations;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.cleanrooms.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cleanrooms.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.TagResourceRequest;
import software.amazon.awssdk.services.cleanrooms.model.TagResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.UntagResourceRequest;
import software.amazon.awssdk.services.cleanrooms.model.UntagResourceResponse;

/** Tags on any taggable resource, addressed by ARN; only the resource's owner may tag it or read its tags. */
final class TagOperations {

    private final Resources resources;
    private final Answers answers;

    TagOperations(Resources resources, Answers answers) {
        this.resources = resources;
        this.answers = answers;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("TagResource", TagResourceRequest::builder, this::tagResource)
                .serve("UntagResource", UntagResourceRequest::builder, this::untagResource)
                .serve("ListTagsForResource", ListTagsForResourceRequest::builder, this::listTags);
    }

    private Route tagResource(String account, TagResourceRequest request) {
        return answers.reply(
                tagged(request.resourceArn(), account)
                        .ask((ActorRef<StatusReply<Done>> replyTo) ->
                                new Taggable.TagResource(account, request.tags(), replyTo)),
                done -> TagResourceResponse.builder().build());
    }

    private Route untagResource(String account, UntagResourceRequest request) {
        return answers.reply(
                tagged(request.resourceArn(), account)
                        .ask((ActorRef<StatusReply<Done>> replyTo) ->
                                new Taggable.UntagResource(account, request.tagKeys(), replyTo)),
                done -> UntagResourceResponse.builder().build());
    }

    private Route listTags(String account, ListTagsForResourceRequest request) {
        return answers.reply(
                tagged(request.resourceArn(), account)
                        .ask((ActorRef<StatusReply<Taggable.TagSet>> replyTo) ->
                                new Taggable.ListTags(account, replyTo)),
                set -> ListTagsForResourceResponse.builder().tags(set.tags()).build());
    }

    /** The resource a Clean Rooms ARN names ({@code arn:aws:cleanrooms:region:account:type/id}), if the caller owns it. */
    private Resource<Taggable.Command> tagged(String arn, String caller) {
        String[] parts = arn.split(":", 6);
        String[] resource = parts[5].split("/", 2);
        if (resource.length != 2 || !Constraints.UUID.matcher(resource[1]).matches()) {
            throw notTaggable(arn);
        }
        Resource<Taggable.Command> tagged =
                resources.taggable(resource[0], resource[1]).orElseThrow(() -> notTaggable(arn));
        if (!parts[4].equals(caller)) {
            throw AwsError.of(new Rejection.AccessDenied("Resource " + arn + " belongs to another account"));
        }
        return tagged;
    }

    private static AwsError notTaggable(String arn) {
        return AwsError.notFound("No taggable resource " + arn).with("resourceId", arn);
    }
}
