package dev.parley.http.wire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.GetCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;

class ModelInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsNestedStructuresListsMapsAndEnumsUnderTheirWireNames() throws Exception {
        JsonNode input = JSON.readTree("""
                {"name": "ads", "creatorDisplayName": "Advertiser", "creatorMemberAbilities": ["CAN_QUERY"],
                 "members": [{"accountId": "111111111111", "displayName": "Publisher", "memberAbilities": [],
                              "paymentConfiguration": {"queryCompute": {"isResponsible": false}}}],
                 "queryLogStatus": "ENABLED", "tags": {"team": "ads"},
                 "dataEncryptionMetadata": {"allowCleartext": true, "allowDuplicates": false,
                   "allowJoinsOnColumnsWithDifferentNames": true, "preserveNulls": false}}
                """);

        CreateCollaborationRequest read = ModelInput.read(input, CreateCollaborationRequest::builder);

        CreateCollaborationRequest expected = CreateCollaborationRequest.builder()
                .name("ads")
                .creatorDisplayName("Advertiser")
                .creatorMemberAbilities(MemberAbility.CAN_QUERY)
                .members(MemberSpecification.builder()
                        .accountId("111111111111")
                        .displayName("Publisher")
                        .memberAbilities(List.of())
                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))
                        .build())
                .queryLogStatus("ENABLED")
                .tags(java.util.Map.of("team", "ads"))
                .dataEncryptionMetadata(d -> d.allowCleartext(true)
                        .allowDuplicates(false)
                        .allowJoinsOnColumnsWithDifferentNames(true)
                        .preserveNulls(false))
                .build();
        assertEquals(expected, read);
    }

    @Test
    void readsPathLabelsUnderTheirMemberNames() throws Exception {
        GetCollaborationRequest read = ModelInput.read(
                JSON.readTree("{\"collaborationIdentifier\": \"c0ffee00-0000-4000-8000-000000000000\"}"),
                GetCollaborationRequest::builder);
        assertEquals("c0ffee00-0000-4000-8000-000000000000", read.collaborationIdentifier());
    }

    /**
     * The SDK is released behind botocore's models; a member the model has and the SDK's request class lacks would be
     * dropped by the reader. This lists them for the whole Clean Rooms model, so that a served operation among them
     * is read with {@code serveBeyondSdk}, and so that an SDK upgrade shows which ones it closed.
     */
    @Test
    void theMembersTheSdkLacksAreKnown() throws Exception {
        ServiceModel model = ServiceModel.cleanRooms();
        List<String> lacking = new ArrayList<>();
        for (ServiceModel.Operation operation : model.operations()) {
            if (operation.input() == null) {
                continue;
            }
            Set<String> sdkMembers = new HashSet<>();
            try {
                Class<?> request = Class.forName(
                        "software.amazon.awssdk.services.cleanrooms.model." + operation.name() + "Request");
                SdkPojo builder = (SdkPojo) request.getMethod("builder").invoke(null);
                builder.sdkFields().stream().map(SdkField::memberName).forEach(sdkMembers::add);
            } catch (ClassNotFoundException e) {
                lacking.add(operation.name());
                continue;
            }
            model.shape(operation.input()).path("members").fieldNames().forEachRemaining(member -> {
                if (!sdkMembers.contains(member)) {
                    lacking.add(operation.name() + "." + member);
                }
            });
        }
        assertFalse(lacking.isEmpty(), "the SDK has caught up with the model: drop serveBeyondSdk where unneeded");
        assertEquals(
                List.of(
                        "CreateCollaboration.isMetricsEnabled",
                        "CreateIntermediateTable",
                        "CreateIntermediateTableAnalysisRule",
                        "CreateMembership.isMetricsEnabled",
                        "DeleteIntermediateTable",
                        "DeleteIntermediateTableAnalysisRule",
                        "DisallowIntermediateTable",
                        "GetAnalysisLogExport",
                        "GetIntermediateTable",
                        "GetIntermediateTableAnalysisRule",
                        "ListAnalysisLogExports",
                        "ListIntermediateTableVersions",
                        "ListIntermediateTables",
                        "PopulateIntermediateTable",
                        "StartAnalysisLogExport",
                        "StartProtectedJob.jobComputePayerAccountId",
                        "StartProtectedQuery.queryComputePayerAccountId",
                        "UpdateCollaborationChangeRequest",
                        "UpdateIntermediateTable",
                        "UpdateIntermediateTableAnalysisRule",
                        "UpdateMembership.membershipPaymentConfiguration"),
                lacking);
    }
}
