package dev.parley.actors.readside;

import dev.parley.actors.session.Session;
import dev.parley.actors.session.SessionState;
import dev.parley.persistence.SessionReadModel;
import java.sql.Connection;
import java.time.Instant;

/** Keeps session_summary in step with session events. */
final class SessionProjection extends ReadModelHandler<Session.Event> {

    @Override
    void apply(Connection connection, String id, Session.Event event) {
        if (event instanceof Session.SessionStarted started) {
            Session.Parameters parameters = started.parameters();
            long time = started.startDateTime().toEpochMilli();
            SessionReadModel.insert(
                    connection,
                    new SessionReadModel.SessionRow(
                            id,
                            parameters.accountId(),
                            parameters.workGroup(),
                            parameters.description(),
                            parameters.notebookVersion(),
                            SessionState.CREATING.name(),
                            null,
                            time,
                            null,
                            time,
                            null));
        } else if (event instanceof Session.SessionCreated created) {
            status(connection, id, SessionState.CREATED, null, null, created.time(), null);
        } else if (event instanceof Session.SessionIdle idle) {
            status(connection, id, SessionState.IDLE, null, idle.time(), idle.time(), null);
        } else if (event instanceof Session.SessionTerminating terminating) {
            status(connection, id, SessionState.TERMINATING, terminating.reason(), null, terminating.time(), null);
        } else if (event instanceof Session.SessionTerminated terminated) {
            status(connection, id, SessionState.TERMINATED, null, null, terminated.time(), terminated.time());
        }
    }

    private static void status(
            Connection connection,
            String id,
            SessionState state,
            String reason,
            Instant idleSince,
            Instant lastModified,
            Instant end) {
        SessionReadModel.updateStatus(
                connection,
                id,
                state.name(),
                reason,
                idleSince == null ? null : idleSince.toEpochMilli(),
                lastModified.toEpochMilli(),
                end == null ? null : end.toEpochMilli());
    }
}
