package dev.parley.actors.readside;

import java.sql.Connection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Applies one aggregate's events to its read tables, inside the projection's transaction. */
abstract class ReadModelHandler<E> extends JdbcHandler<EventEnvelope<E>, ReadSideSession> {

    @Override
    public final void process(ReadSideSession session, EventEnvelope<E> envelope) throws Exception {
        // Persistence ids are "<EntityType>|<entity id>".
        String id = envelope.persistenceId().substring(envelope.persistenceId().indexOf('|') + 1);
        session.withConnection(connection -> {
            apply(connection, id, envelope.event());
            return null;
        });
    }

    abstract void apply(Connection connection, String id, E event);
}
