package dev.parley.http.cleanrooms;

import dev.parley.actors.collaboration.AnalyticsEngine;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.collaboration.DataEncryptionMetadata;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.collaboration.MemberSpecification;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.ResultConfiguration;
import dev.parley.actors.shared.ResultFormat;
import dev.parley.http.wire.Constraints;
import dev.parley.http.wire.JsonInput;
import java.util.List;

/** Clean Rooms request bodies, checked against the service model and turned into domain requests. */
final class CleanRoomsRequests {

    private CleanRoomsRequests() {
    }

    static Collaboration.NewCollaboration createCollaboration(String caller, JsonInput body) {
        List<MemberSpecification> members = body.requiredList("members", member -> new MemberSpecification(
                member.requiredString("accountId", 12, 12, Constraints.ACCOUNT_ID),
                member.requiredString("displayName", 1, 100, Constraints.DISPLAY_NAME),
                abilities(member, "memberAbilities"),
                queryComputePayment(member.optionalObject("paymentConfiguration"))));
        return new Collaboration.NewCollaboration(caller,
                body.requiredString("name", 1, 100, Constraints.DISPLAY_NAME),
                body.optionalString("description", 0, 255, Constraints.DESCRIPTION),
                abilities(body, "creatorMemberAbilities"),
                body.requiredString("creatorDisplayName", 1, 100, Constraints.DISPLAY_NAME),
                queryComputePayment(body.optionalObject("creatorPaymentConfiguration")),
                members,
                dataEncryptionMetadata(body.optionalObject("dataEncryptionMetadata")),
                body.requiredEnum("queryLogStatus", QueryLogStatus.class),
                body.optionalEnum("analyticsEngine", AnalyticsEngine.class),
                body.optionalTags("tags"));
    }

    record CollaborationChanges(String name, String description, AnalyticsEngine analyticsEngine) {
    }

    static CollaborationChanges updateCollaboration(JsonInput body) {
        return new CollaborationChanges(body.optionalString("name", 1, 100, Constraints.DISPLAY_NAME),
                body.optionalString("description", 0, 255, Constraints.DESCRIPTION),
                body.optionalEnum("analyticsEngine", AnalyticsEngine.class));
    }

    static MembershipSettings createMembership(JsonInput body) {
        return new MembershipSettings(body.requiredEnum("queryLogStatus", QueryLogStatus.class),
                resultConfiguration(body.optionalObject("defaultResultConfiguration")),
                queryComputePayment(body.optionalObject("paymentConfiguration")),
                body.optionalTags("tags"));
    }

    record MembershipChanges(QueryLogStatus queryLogStatus, ResultConfiguration defaultResultConfiguration,
                             Boolean paysForQueryCompute) {
    }

    static MembershipChanges updateMembership(JsonInput body) {
        JsonInput payment = body.optionalObject("membershipPaymentConfiguration");
        JsonInput queryCompute = payment == null ? null : payment.optionalObject("queryCompute");
        return new MembershipChanges(body.optionalEnum("queryLogStatus", QueryLogStatus.class),
                resultConfiguration(body.optionalObject("defaultResultConfiguration")),
                queryCompute == null ? null : queryCompute.requiredBoolean("isResponsible"));
    }

    private static List<MemberAbility> abilities(JsonInput input, String field) {
        List<MemberAbility> abilities = input.requiredList(field, element -> element.asEnum(MemberAbility.class));
        return abilities.stream().distinct().toList();
    }

    /** PaymentConfiguration: {queryCompute: {isResponsible}} read as the query-compute flag, or null. */
    private static Boolean queryComputePayment(JsonInput payment) {
        if (payment == null) {
            return null;
        }
        return payment.requiredObject("queryCompute").requiredBoolean("isResponsible");
    }

    private static DataEncryptionMetadata dataEncryptionMetadata(JsonInput metadata) {
        if (metadata == null) {
            return null;
        }
        return new DataEncryptionMetadata(metadata.requiredBoolean("allowCleartext"),
                metadata.requiredBoolean("allowDuplicates"),
                metadata.requiredBoolean("allowJoinsOnColumnsWithDifferentNames"),
                metadata.requiredBoolean("preserveNulls"));
    }

    private static ResultConfiguration resultConfiguration(JsonInput configuration) {
        if (configuration == null) {
            return null;
        }
        JsonInput s3 = configuration.requiredObject("outputConfiguration").requiredObject("s3");
        return new ResultConfiguration(s3.requiredEnum("resultFormat", ResultFormat.class),
                s3.requiredString("bucket", 3, 63, Constraints.BUCKET),
                s3.optionalString("keyPrefix", 0, 512, Constraints.KEY_PREFIX),
                s3.optionalBoolean("singleFileOutput"),
                configuration.optionalString("roleArn", 32, 512, Constraints.ROLE_ARN));
    }
}
