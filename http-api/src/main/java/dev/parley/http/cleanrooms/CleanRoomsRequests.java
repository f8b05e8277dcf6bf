package dev.parley.http.cleanrooms;

import dev.parley.actors.collaboration.AnalyticsEngine;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.collaboration.DataEncryptionMetadata;
import dev.parley.actors.collaboration.MemberSpecification;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.ResultConfiguration;
import dev.parley.actors.shared.ResultFormat;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.CreateMembershipRequest;
import software.amazon.awssdk.services.cleanrooms.model.MembershipPaymentConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.MembershipProtectedQueryResultConfiguration;
import software.amazon.awssdk.services.cleanrooms.model.PaymentConfiguration;

/**
 * Clean Rooms requests, already checked against the service model, turned into the domain's values. Enum members are
 * read as the domain's enum of the same constants: the model has vouched for them.
 */
final class CleanRoomsRequests {

    private CleanRoomsRequests() {}

    static Collaboration.NewCollaboration createCollaboration(String caller, CreateCollaborationRequest request) {
        List<MemberSpecification> members = request.members().stream()
                .map(member -> new MemberSpecification(
                        member.accountId(),
                        member.displayName(),
                        abilities(member.memberAbilitiesAsStrings()),
                        queryComputePayment(member.paymentConfiguration())))
                .toList();
        return new Collaboration.NewCollaboration(
                caller,
                request.name(),
                request.description(),
                abilities(request.creatorMemberAbilitiesAsStrings()),
                request.creatorDisplayName(),
                queryComputePayment(request.creatorPaymentConfiguration()),
                members,
                dataEncryptionMetadata(request.dataEncryptionMetadata()),
                enumOf(QueryLogStatus.class, request.queryLogStatusAsString()),
                enumOf(AnalyticsEngine.class, request.analyticsEngineAsString()),
                request.tags());
    }

    static MembershipSettings createMembership(CreateMembershipRequest request) {
        return new MembershipSettings(
                enumOf(QueryLogStatus.class, request.queryLogStatusAsString()),
                resultConfiguration(request.defaultResultConfiguration()),
                membershipQueryComputePayment(request.paymentConfiguration()),
                request.tags());
    }

    record MembershipChanges(
            QueryLogStatus queryLogStatus,
            ResultConfiguration defaultResultConfiguration,
            Boolean paysForQueryCompute) {}

    static MembershipChanges updateMembership(MembershipOperations.MembershipUpdate update) {
        return new MembershipChanges(
                enumOf(QueryLogStatus.class, update.request().queryLogStatusAsString()),
                resultConfiguration(update.request().defaultResultConfiguration()),
                membershipQueryComputePayment(update.payment()));
    }

    /** An enum member as the domain's enum of the same constants, or null when absent. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static List<MemberAbility> abilities(List<String> abilities) {
        return abilities.stream()
                .map(ability -> MemberAbility.valueOf(ability))
                .distinct()
                .toList();
    }

    /** PaymentConfiguration: {queryCompute: {isResponsible}} read as the query-compute flag, or null. */
    private static Boolean queryComputePayment(PaymentConfiguration payment) {
        return payment == null ? null : payment.queryCompute().isResponsible();
    }

    /** MembershipPaymentConfiguration: {queryCompute: {isResponsible}} read as the query-compute flag, or null. */
    private static Boolean membershipQueryComputePayment(MembershipPaymentConfiguration payment) {
        return payment == null ? null : payment.queryCompute().isResponsible();
    }

    private static DataEncryptionMetadata dataEncryptionMetadata(
            software.amazon.awssdk.services.cleanrooms.model.DataEncryptionMetadata metadata) {
        if (metadata == null) {
            return null;
        }
        return new DataEncryptionMetadata(
                metadata.allowCleartext(),
                metadata.allowDuplicates(),
                metadata.allowJoinsOnColumnsWithDifferentNames(),
                metadata.preserveNulls());
    }

    private static ResultConfiguration resultConfiguration(MembershipProtectedQueryResultConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        var s3 = configuration.outputConfiguration().s3();
        return new ResultConfiguration(
                enumOf(ResultFormat.class, s3.resultFormatAsString()),
                s3.bucket(),
                s3.keyPrefix(),
                s3.singleFileOutput(),
                configuration.roleArn());
    }
}
