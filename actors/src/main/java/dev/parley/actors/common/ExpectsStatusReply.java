package dev.parley.actors.common;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** A command answered with a {@link StatusReply}: lets an entity refuse any such command the same way. */
public interface ExpectsStatusReply {

    ActorRef<? extends StatusReply<?>> replyTo();

    /** Answers with an error whatever success type the command expects. */
    @SuppressWarnings("unchecked")
    default void reject(Rejection rejection) {
        ((ActorRef<StatusReply<Object>>) replyTo()).tell(StatusReply.error(rejection));
    }
}
