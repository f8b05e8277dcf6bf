package dev.parley.actors.readside;

import dev.parley.actors.common.ProjectionSession;
import java.sql.Connection;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Applies one aggregate's events to its read tables, inside the projection's transaction. */
abstract class ReadModelHandler<E> extends JdbcHandler<EventEnvelope<E>, ProjectionSession> {

    @Override
    public final void process(ProjectionSession session, EventEnvelope<E> envelope) throws Exception {
        String id = PersistenceId.extractEntityId(envelope.persistenceId());
        session.withConnection(connection -> {
            apply(connection, id, envelope.event());
            return null;
        });
    }

    abstract void apply(Connection connection, String id, E event);
}
