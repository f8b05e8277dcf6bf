package dev.parley.http.cleanrooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.collaboration.DataEncryptionMetadata;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.shared.ResultConfiguration;
import dev.parley.persistence.CollaborationReadModel;
import dev.parley.persistence.MembershipReadModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Domain views and read-model rows in the JSON shapes of the Clean Rooms service model. */
final class CleanRoomsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CleanRoomsJson() {}

    static ObjectNode collaboration(Collaboration.View view) {
        Collaboration.Details details = view.details();
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", details.id())
                .put("arn", details.arn())
                .put("name", details.name())
                .put("creatorAccountId", details.creatorAccountId())
                .put("creatorDisplayName", details.creatorDisplayName())
                .put("memberStatus", view.caller().status().name())
                .put("queryLogStatus", details.queryLogStatus().name());
        if (details.description() != null) {
            json.put("description", details.description());
        }
        json.set("createTime", time(details.createTime()));
        json.set("updateTime", time(details.updateTime()));
        if (view.caller().membershipId() != null) {
            json.put("membershipId", view.caller().membershipId());
            json.put("membershipArn", view.callerMembershipArn());
        }
        if (details.dataEncryptionMetadata() != null) {
            json.set("dataEncryptionMetadata", dataEncryptionMetadata(details.dataEncryptionMetadata()));
        }
        if (details.analyticsEngine() != null) {
            json.put("analyticsEngine", details.analyticsEngine().name());
        }
        return json;
    }

    static ObjectNode collaborationSummary(CollaborationReadModel.CollaborationRow row) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", row.id())
                .put("arn", row.arn())
                .put("name", row.name())
                .put("creatorAccountId", row.creatorAccountId())
                .put("creatorDisplayName", row.creatorDisplayName())
                .put("memberStatus", row.memberStatus());
        json.set("createTime", time(row.createTime()));
        json.set("updateTime", time(row.updateTime()));
        if (row.membershipId() != null) {
            json.put("membershipId", row.membershipId());
            json.put("membershipArn", row.membershipArn());
        }
        if (row.analyticsEngine() != null) {
            json.put("analyticsEngine", row.analyticsEngine());
        }
        return json;
    }

    static ObjectNode memberSummary(Collaboration.ListedMember listed) {
        Collaboration.Member member = listed.member();
        ObjectNode json = MAPPER.createObjectNode()
                .put("accountId", member.accountId())
                .put("status", member.status().name())
                .put("displayName", member.displayName());
        json.set(
                "abilities", strings(member.abilities().stream().map(Enum::name).toList()));
        json.set("createTime", time(member.createTime().toEpochMilli()));
        json.set("updateTime", time(member.updateTime().toEpochMilli()));
        if (member.membershipId() != null) {
            json.put("membershipId", member.membershipId());
            json.put("membershipArn", listed.membershipArn());
        }
        json.set("paymentConfiguration", payment(member.paysForQueryCompute()));
        return json;
    }

    static ObjectNode membership(Membership.Active membership) {
        Membership.Details details = membership.details();
        ObjectNode json = membershipCommon(
                details.id(),
                details.arn(),
                details.collaborationArn(),
                details.collaborationId(),
                details.collaborationCreatorAccountId(),
                details.collaborationCreatorDisplayName(),
                membership.collaborationName(),
                details.createTime().toEpochMilli(),
                membership.updateTime().toEpochMilli(),
                membership.status().name(),
                details.memberAbilities().stream().map(Enum::name).toList(),
                details.paysForQueryCompute());
        json.put("queryLogStatus", membership.queryLogStatus().name());
        if (membership.defaultResultConfiguration() != null) {
            json.set("defaultResultConfiguration", resultConfiguration(membership.defaultResultConfiguration()));
        }
        return json;
    }

    static ObjectNode membershipSummary(MembershipReadModel.MembershipRow row) {
        return membershipCommon(
                row.id(),
                row.arn(),
                row.collaborationArn(),
                row.collaborationId(),
                row.collaborationCreatorAccountId(),
                row.collaborationCreatorDisplayName(),
                row.collaborationName(),
                row.createTime(),
                row.updateTime(),
                row.status(),
                row.memberAbilities(),
                row.paysForQueryCompute());
    }

    static ObjectNode tags(Map<String, String> tags) {
        ObjectNode json = MAPPER.createObjectNode();
        tags.forEach(json::put);
        return json;
    }

    private static ObjectNode membershipCommon(
            String id,
            String arn,
            String collaborationArn,
            String collaborationId,
            String creatorAccountId,
            String creatorDisplayName,
            String collaborationName,
            long createTime,
            long updateTime,
            String status,
            List<String> abilities,
            boolean paysForQueryCompute) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", id)
                .put("arn", arn)
                .put("collaborationArn", collaborationArn)
                .put("collaborationId", collaborationId)
                .put("collaborationCreatorAccountId", creatorAccountId)
                .put("collaborationCreatorDisplayName", creatorDisplayName)
                .put("collaborationName", collaborationName)
                .put("status", status);
        json.set("createTime", time(createTime));
        json.set("updateTime", time(updateTime));
        json.set("memberAbilities", strings(abilities));
        json.set("paymentConfiguration", payment(paysForQueryCompute));
        return json;
    }

    private static ObjectNode resultConfiguration(ResultConfiguration configuration) {
        ObjectNode s3 = MAPPER.createObjectNode()
                .put("resultFormat", configuration.resultFormat().name())
                .put("bucket", configuration.bucket());
        if (configuration.keyPrefix() != null) {
            s3.put("keyPrefix", configuration.keyPrefix());
        }
        if (configuration.singleFileOutput() != null) {
            s3.put("singleFileOutput", configuration.singleFileOutput());
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.set("outputConfiguration", MAPPER.createObjectNode().set("s3", s3));
        if (configuration.roleArn() != null) {
            json.put("roleArn", configuration.roleArn());
        }
        return json;
    }

    private static ObjectNode dataEncryptionMetadata(DataEncryptionMetadata metadata) {
        return MAPPER.createObjectNode()
                .put("allowCleartext", metadata.allowCleartext())
                .put("allowDuplicates", metadata.allowDuplicates())
                .put("allowJoinsOnColumnsWithDifferentNames", metadata.allowJoinsOnColumnsWithDifferentNames())
                .put("preserveNulls", metadata.preserveNulls());
    }

    private static ObjectNode payment(boolean responsible) {
        ObjectNode json = MAPPER.createObjectNode();
        json.set("queryCompute", MAPPER.createObjectNode().put("isResponsible", responsible));
        return json;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode json = MAPPER.createArrayNode();
        values.forEach(json::add);
        return json;
    }

    /** Epoch seconds with millisecond precision: the restJson1 timestamp format. */
    private static com.fasterxml.jackson.databind.node.DecimalNode time(long epochMillis) {
        return new com.fasterxml.jackson.databind.node.DecimalNode(BigDecimal.valueOf(epochMillis, 3));
    }

    private static com.fasterxml.jackson.databind.node.DecimalNode time(Instant instant) {
        return time(instant.toEpochMilli());
    }
}
