package dev.parley.http.wire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.model.ListMembersResponse;
import software.amazon.awssdk.services.cleanrooms.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSummary;

class ModelJsonTest {

    @Test
    void writesWireNamesEpochSecondsAndNothingForUnsetMembers() {
        ListMembersResponse output = ListMembersResponse.builder()
                .memberSummaries(MemberSummary.builder()
                        .accountId("111111111111")
                        .status("ACTIVE")
                        .displayName("Advertiser")
                        .abilities(MemberAbility.CAN_QUERY)
                        .createTime(Instant.parse("2026-01-01T00:00:00.125Z"))
                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))
                        .build())
                .build();

        assertEquals(
                "{\"memberSummaries\":[{\"accountId\":\"111111111111\",\"status\":\"ACTIVE\","
                        + "\"displayName\":\"Advertiser\",\"abilities\":[\"CAN_QUERY\"],\"createTime\":1767225600.125,"
                        + "\"paymentConfiguration\":{\"queryCompute\":{\"isResponsible\":true}}}]}",
                ModelJson.write(output).toString());
    }

    @Test
    void writesMapsAndEmptyOutputs() {
        assertEquals(
                "{\"tags\":{\"team\":\"ads\"}}",
                ModelJson.write(ListTagsForResourceResponse.builder()
                                .tags(Map.of("team", "ads"))
                                .build())
                        .toString());
        assertEquals(
                "{}",
                ModelJson.write(ListTagsForResourceResponse.builder().build()).toString());
    }
}
