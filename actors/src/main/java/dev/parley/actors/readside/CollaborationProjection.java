package dev.parley.actors.readside;

import dev.parley.actors.collaboration.Collaboration;
import dev.parley.persistence.CollaborationReadModel;
import java.sql.Connection;
import java.util.List;

/** Keeps collaboration_summary and collaboration_member in step with collaboration events. */
final class CollaborationProjection extends ReadModelHandler<Collaboration.Event> {

    @Override
    void apply(Connection connection, String id, Collaboration.Event event) {
        if (event instanceof Collaboration.CollaborationCreated created) {
            Collaboration.Details details = created.details();
            List<CollaborationReadModel.MemberRow> members = created.members().stream()
                    .map(member -> new CollaborationReadModel.MemberRow(
                            id,
                            member.accountId(),
                            member.displayName(),
                            member.abilities().stream().map(Enum::name).toList(),
                            member.paysForQueryCompute(),
                            member.status().name(),
                            member.membershipId(),
                            null,
                            member.createTime().toEpochMilli(),
                            member.updateTime().toEpochMilli()))
                    .toList();
            CollaborationReadModel.insertCollaboration(
                    connection,
                    new CollaborationReadModel.CollaborationRecord(
                            id,
                            details.arn(),
                            details.name(),
                            details.creatorAccountId(),
                            details.creatorDisplayName(),
                            details.analyticsEngine() == null
                                    ? null
                                    : details.analyticsEngine().name(),
                            details.createTime().toEpochMilli()),
                    members);
        } else if (event instanceof Collaboration.CollaborationUpdated updated) {
            CollaborationReadModel.updateCollaboration(
                    connection,
                    id,
                    updated.name(),
                    updated.analyticsEngine() == null
                            ? null
                            : updated.analyticsEngine().name(),
                    updated.updateTime().toEpochMilli());
        } else if (event instanceof Collaboration.MemberJoined joined) {
            CollaborationReadModel.joinMember(
                    connection,
                    id,
                    joined.accountId(),
                    joined.membershipId(),
                    joined.membershipArn(),
                    joined.updateTime().toEpochMilli());
        } else if (event instanceof Collaboration.MemberLeftCollaboration left) {
            CollaborationReadModel.updateMemberStatus(
                    connection, id, left.accountId(), "LEFT", left.updateTime().toEpochMilli());
        } else if (event instanceof Collaboration.MemberRemoved removed) {
            CollaborationReadModel.updateMemberStatus(
                    connection,
                    id,
                    removed.accountId(),
                    "REMOVED",
                    removed.updateTime().toEpochMilli());
        } else if (event instanceof Collaboration.CollaborationDeleted deleted) {
            CollaborationReadModel.markDeleted(
                    connection, id, deleted.updateTime().toEpochMilli());
        }
        // Tag events change nothing that a listing shows.
    }
}
