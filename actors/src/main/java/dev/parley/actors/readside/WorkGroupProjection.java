package dev.parley.actors.readside;

import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.persistence.WorkGroupReadModel;
import java.sql.Connection;

/** Keeps workgroup_summary in step with work group events. */
final class WorkGroupProjection extends ReadModelHandler<WorkGroup.Event> {

    @Override
    void apply(Connection connection, String id, WorkGroup.Event event) {
        String[] key = id.split(":", 2);
        if (event instanceof WorkGroup.WorkGroupCreated created) {
            WorkGroupReadModel.insert(
                    connection,
                    new WorkGroupReadModel.WorkGroupRow(
                            created.accountId(),
                            created.name(),
                            created.description(),
                            WorkGroup.INITIAL_STATE.name(),
                            created.configuration().selectedEngineVersion(),
                            created.configuration().effectiveEngineVersion(),
                            created.creationTime().toEpochMilli()));
        } else if (event instanceof WorkGroup.WorkGroupUpdated updated) {
            WorkGroupReadModel.update(
                    connection,
                    key[0],
                    key[1],
                    updated.description(),
                    updated.state().name(),
                    updated.configuration().selectedEngineVersion(),
                    updated.configuration().effectiveEngineVersion());
        } else if (event instanceof WorkGroup.WorkGroupDeleted) {
            WorkGroupReadModel.delete(connection, key[0], key[1]);
        }
        // Tag events change nothing that a listing shows.
    }
}
