package dev.parley.actors.common;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The tagging slice every taggable aggregate shares (TagResource, UntagResource, ListTagsForResource): the commands,
 * and how any entity answers them. An entity wraps these commands in one command of its own, keeps its tags in its
 * state, and names the two events it records; who may tag is the entity's decision, everything else is here.
 */
public final class Taggable {

    private Taggable() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
        @JsonSubTypes.Type(TagResource.class),
        @JsonSubTypes.Type(UntagResource.class),
        @JsonSubTypes.Type(ListTags.class)
    })
    public sealed interface Command extends CborSerializable, ExpectsStatusReply
            permits TagResource, UntagResource, ListTags {
        String caller();
    }

    /** An entity's own command carrying a tagging command; it answers to whom the tagging command says. */
    public interface Carrier extends ExpectsStatusReply {
        Command command();

        @Override
        default ActorRef<? extends StatusReply<?>> replyTo() {
            return command().replyTo();
        }
    }

    public record TagResource(String caller, Map<String, String> tags, ActorRef<StatusReply<Done>> replyTo)
            implements Command {}

    public record UntagResource(String caller, List<String> tagKeys, ActorRef<StatusReply<Done>> replyTo)
            implements Command {}

    public record ListTags(String caller, ActorRef<StatusReply<TagSet>> replyTo) implements Command {}

    public record TagSet(Map<String, String> tags) implements CborSerializable {}

    /** The entity's own events for added and removed tags, so that its journal keeps its own event types. */
    public record Events<E>(Function<Map<String, String>, E> added, Function<List<String>, E> removed) {}

    /**
     * Answers {@code command} for an entity whose tags are {@code current}: refused with {@code denied} unless the
     * caller is {@code permitted}; a change that would leave more than {@link Tags#MAX_TAGS_PER_RESOURCE} tags is
     * invalid; otherwise the change is persisted as the entity's event and acknowledged.
     */
    public static <E, S> ReplyEffect<E, S> handle(
            EffectFactories<E, S> effect,
            Command command,
            Map<String, String> current,
            boolean permitted,
            Supplier<Rejection> denied,
            Events<E> events) {
        if (!permitted) {
            command.reject(denied.get());
            return effect.noReply();
        }
        if (command instanceof TagResource tag) {
            try {
                Tags.checkLimit(current, tag.tags());
            } catch (Rejection rejection) {
                return effect.reply(tag.replyTo(), StatusReply.error(rejection));
            }
            return effect.persist(events.added().apply(tag.tags())).thenReply(tag.replyTo(), s -> StatusReply.ack());
        }
        if (command instanceof UntagResource untag) {
            return effect.persist(events.removed().apply(untag.tagKeys()))
                    .thenReply(untag.replyTo(), s -> StatusReply.ack());
        }
        ListTags list = (ListTags) command;
        return effect.reply(list.replyTo(), StatusReply.success(new TagSet(current)));
    }
}
