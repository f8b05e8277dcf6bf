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
import dev.parley.http.wire.JsonInput;
import java.util.List;

/** Clean Rooms request bodies, already checked against the service model, turned into domain requests. */
final class CleanRoomsRequests {

    private CleanRoomsRequests() {}

    static Collaboration.NewCollaboration createCollaboration(String caller, JsonInput body) {
        List<MemberSpecification> members = body.list(
                "members",
                member -> new MemberSpecification(
                        member.string("accountId"),
                        member.string("displayName"),
                        abilities(member, "memberAbilities"),
                        queryComputePayment(member.object("paymentConfiguration"))));
        return new Collaboration.NewCollaboration(
                caller,
                body.string("name"),
                body.string("description"),
                abilities(body, "creatorMemberAbilities"),
                body.string("creatorDisplayName"),
                queryComputePayment(body.object("creatorPaymentConfiguration")),
                members,
                dataEncryptionMetadata(body.object("dataEncryptionMetadata")),
                body.enumValue("queryLogStatus", QueryLogStatus.class),
                body.enumValue("analyticsEngine", AnalyticsEngine.class),
                body.stringMap("tags"));
    }

    record CollaborationChanges(String name, String description, AnalyticsEngine analyticsEngine) {}

    static CollaborationChanges updateCollaboration(JsonInput body) {
        return new CollaborationChanges(
                body.string("name"),
                body.string("description"),
                body.enumValue("analyticsEngine", AnalyticsEngine.class));
    }

    static MembershipSettings createMembership(JsonInput body) {
        return new MembershipSettings(
                body.enumValue("queryLogStatus", QueryLogStatus.class),
                resultConfiguration(body.object("defaultResultConfiguration")),
                queryComputePayment(body.object("paymentConfiguration")),
                body.stringMap("tags"));
    }

    record MembershipChanges(
            QueryLogStatus queryLogStatus,
            ResultConfiguration defaultResultConfiguration,
            Boolean paysForQueryCompute) {}

    static MembershipChanges updateMembership(JsonInput body) {
        JsonInput payment = body.object("membershipPaymentConfiguration");
        JsonInput queryCompute = payment == null ? null : payment.object("queryCompute");
        return new MembershipChanges(
                body.enumValue("queryLogStatus", QueryLogStatus.class),
                resultConfiguration(body.object("defaultResultConfiguration")),
                queryCompute == null ? null : queryCompute.bool("isResponsible"));
    }

    private static List<MemberAbility> abilities(JsonInput input, String field) {
        List<MemberAbility> abilities = input.list(field, element -> element.asEnum(MemberAbility.class));
        return abilities.stream().distinct().toList();
    }

    /** PaymentConfiguration: {queryCompute: {isResponsible}} read as the query-compute flag, or null. */
    private static Boolean queryComputePayment(JsonInput payment) {
        if (payment == null) {
            return null;
        }
        return payment.object("queryCompute").bool("isResponsible");
    }

    private static DataEncryptionMetadata dataEncryptionMetadata(JsonInput metadata) {
        if (metadata == null) {
            return null;
        }
        return new DataEncryptionMetadata(
                metadata.bool("allowCleartext"),
                metadata.bool("allowDuplicates"),
                metadata.bool("allowJoinsOnColumnsWithDifferentNames"),
                metadata.bool("preserveNulls"));
    }

    private static ResultConfiguration resultConfiguration(JsonInput configuration) {
        if (configuration == null) {
            return null;
        }
        JsonInput s3 = configuration.object("outputConfiguration").object("s3");
        return new ResultConfiguration(
                s3.enumValue("resultFormat", ResultFormat.class),
                s3.string("bucket"),
                s3.string("keyPrefix"),
                s3.bool("singleFileOutput"),
                configuration.string("roleArn"));
    }
}
