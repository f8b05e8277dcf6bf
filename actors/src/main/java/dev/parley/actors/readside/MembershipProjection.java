package dev.parley.actors.readside;

import dev.parley.actors.membership.Membership;
import dev.parley.actors.membership.MembershipStatus;
import dev.parley.persistence.MembershipReadModel;
import java.sql.Connection;

/** Keeps membership_summary in step with membership events. */
final class MembershipProjection extends ReadModelHandler<Membership.Event> {

    @Override
    void apply(Connection connection, String id, Membership.Event event) {
        if (event instanceof Membership.MembershipCreated created) {
            Membership.Details details = created.details();
            long time = details.createTime().toEpochMilli();
            MembershipReadModel.insert(
                    connection,
                    new MembershipReadModel.MembershipRow(
                            id,
                            details.arn(),
                            details.accountId(),
                            details.collaborationId(),
                            details.collaborationArn(),
                            details.collaborationCreatorAccountId(),
                            details.collaborationCreatorDisplayName(),
                            created.collaborationName(),
                            details.memberAbilities().stream().map(Enum::name).toList(),
                            details.paysForQueryCompute(),
                            MembershipStatus.ACTIVE.name(),
                            time,
                            time));
        } else if (event instanceof Membership.MembershipUpdated updated) {
            MembershipReadModel.touch(connection, id, updated.updateTime().toEpochMilli());
        } else if (event instanceof Membership.MemberLeft left) {
            MembershipReadModel.updateStatus(
                    connection,
                    id,
                    MembershipStatus.REMOVED.name(),
                    left.updateTime().toEpochMilli());
        } else if (event instanceof Membership.MemberRemoved removed) {
            MembershipReadModel.updateStatus(
                    connection,
                    id,
                    MembershipStatus.REMOVED.name(),
                    removed.updateTime().toEpochMilli());
        } else if (event instanceof Membership.CollaborationDeleted deleted) {
            MembershipReadModel.updateStatus(
                    connection,
                    id,
                    MembershipStatus.COLLABORATION_DELETED.name(),
                    deleted.updateTime().toEpochMilli());
        } else if (event instanceof Membership.CollaborationRenamed renamed) {
            MembershipReadModel.renameCollaboration(
                    connection,
                    id,
                    renamed.collaborationName(),
                    renamed.updateTime().toEpochMilli());
        }
        // Tag events change nothing that a listing shows.
    }
}
