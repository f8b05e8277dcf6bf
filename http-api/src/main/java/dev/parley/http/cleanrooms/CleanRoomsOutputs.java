package dev.parley.http.cleanrooms;

import dev.parley.actors.collaboration.Collaboration.ListedMember;
import dev.parley.actors.collaboration.Collaboration.View;
import dev.parley.actors.collaboration.DataEncryptionMetadata;
import dev.parley.actors.membership.Membership.Active;
import dev.parley.actors.shared.ResultConfiguration;
import dev.parley.persistence.CollaborationReadModel.CollaborationRow;
import dev.parley.persistence.MembershipReadModel.MembershipRow;
import java.time.Instant;
import software.amazon.awssdk.services.cleanrooms.model.Collaboration;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationSummary;
import software.amazon.awssdk.services.cleanrooms.model.MemberSummary;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.MembershipPaymentConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.MembershipProtectedQueryResultConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.MembershipSummary;
import software.amazon.awssdk.services.cleanrooms.model.PaymentConfiguration;

/**
 * Domain answers as the Clean Rooms model's output shapes, in the model's own typed classes (the AWS SDK's, generated
 * from the same model); {@code wire/model/ModelJson} writes them.
 */
final class CleanRoomsOutputs {

    private CleanRoomsOutputs() {}

    static Collaboration collaboration(View view) {
        var details = view.details();
        var caller = view.caller();
        return Collaboration.builder()
                .id(details.id())
                .arn(details.arn())
                .name(details.name())
                .description(details.description())
                .creatorAccountId(details.creatorAccountId())
                .creatorDisplayName(details.creatorDisplayName())
                .createTime(details.createTime())
                .updateTime(details.updateTime())
                .memberStatus(caller.status().name())
                .membershipId(caller.membershipId())
                .membershipArn(view.callerMembershipArn())
                .dataEncryptionMetadata(dataEncryptionMetadata(details.dataEncryptionMetadata()))
                .queryLogStatus(details.queryLogStatus().name())
                .analyticsEngine(
                        details.analyticsEngine() == null
                                ? null
                                : details.analyticsEngine().name())
                .build();
    }

    static CollaborationSummary collaborationSummary(CollaborationRow row) {
        return CollaborationSummary.builder()
                .id(row.id())
                .arn(row.arn())
                .name(row.name())
                .creatorAccountId(row.creatorAccountId())
                .creatorDisplayName(row.creatorDisplayName())
                .createTime(Instant.ofEpochMilli(row.createTime()))
                .updateTime(Instant.ofEpochMilli(row.updateTime()))
                .memberStatus(row.memberStatus())
                .membershipId(row.membershipId())
                .membershipArn(row.membershipArn())
                .analyticsEngine(row.analyticsEngine())
                .build();
    }

    static MemberSummary memberSummary(ListedMember listed) {
        var member = listed.member();
        return MemberSummary.builder()
                .accountId(member.accountId())
                .status(member.status().name())
                .displayName(member.displayName())
                .abilitiesWithStrings(
                        member.abilities().stream().map(Enum::name).toList())
                .createTime(member.createTime())
                .updateTime(member.updateTime())
                .membershipId(member.membershipId())
                .membershipArn(listed.membershipArn())
                .paymentConfiguration(payment(member.paysForQueryCompute()))
                .build();
    }

    static Membership membership(Active membership) {
        var details = membership.details();
        return Membership.builder()
                .id(details.id())
                .arn(details.arn())
                .collaborationArn(details.collaborationArn())
                .collaborationId(details.collaborationId())
                .collaborationCreatorAccountId(details.collaborationCreatorAccountId())
                .collaborationCreatorDisplayName(details.collaborationCreatorDisplayName())
                .collaborationName(membership.collaborationName())
                .createTime(details.createTime())
                .updateTime(membership.updateTime())
                .status(membership.status().name())
                .memberAbilitiesWithStrings(
                        details.memberAbilities().stream().map(Enum::name).toList())
                .queryLogStatus(membership.queryLogStatus().name())
                .defaultResultConfiguration(resultConfiguration(membership.defaultResultConfiguration()))
                .paymentConfiguration(membershipPayment(details.paysForQueryCompute()))
                .build();
    }

    static MembershipSummary membershipSummary(MembershipRow row) {
        return MembershipSummary.builder()
                .id(row.id())
                .arn(row.arn())
                .collaborationArn(row.collaborationArn())
                .collaborationId(row.collaborationId())
                .collaborationCreatorAccountId(row.collaborationCreatorAccountId())
                .collaborationCreatorDisplayName(row.collaborationCreatorDisplayName())
                .collaborationName(row.collaborationName())
                .createTime(Instant.ofEpochMilli(row.createTime()))
                .updateTime(Instant.ofEpochMilli(row.updateTime()))
                .status(row.status())
                .memberAbilitiesWithStrings(row.memberAbilities())
                .paymentConfiguration(membershipPayment(row.paysForQueryCompute()))
                .build();
    }

    private static MembershipProtectedQueryResultConfiguration resultConfiguration(ResultConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        return MembershipProtectedQueryResultConfiguration.builder()
                .outputConfiguration(output -> output.s3(
                        s3 -> s3.resultFormat(configuration.resultFormat().name())
                                .bucket(configuration.bucket())
                                .keyPrefix(configuration.keyPrefix())
                                .singleFileOutput(configuration.singleFileOutput())))
                .roleArn(configuration.roleArn())
                .build();
    }

    private static software.amazon.awssdk.services.cleanrooms.model.DataEncryptionMetadata dataEncryptionMetadata(
            DataEncryptionMetadata metadata) {
        if (metadata == null) {
            return null;
        }
        return software.amazon.awssdk.services.cleanrooms.model.DataEncryptionMetadata.builder()
                .allowCleartext(metadata.allowCleartext())
                .allowDuplicates(metadata.allowDuplicates())
                .allowJoinsOnColumnsWithDifferentNames(metadata.allowJoinsOnColumnsWithDifferentNames())
                .preserveNulls(metadata.preserveNulls())
                .build();
    }

    private static PaymentConfiguration payment(boolean responsible) {
        return PaymentConfiguration.builder()
                .queryCompute(queryCompute -> queryCompute.isResponsible(responsible))
                .build();
    }

    private static MembershipPaymentConfiguration membershipPayment(boolean responsible) {
        return MembershipPaymentConfiguration.builder()
                .queryCompute(queryCompute -> queryCompute.isResponsible(responsible))
                .build();
    }
}
