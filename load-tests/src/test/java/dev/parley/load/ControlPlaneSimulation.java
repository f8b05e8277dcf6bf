package dev.parley.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.net.URLEncoder;

/**
 * The control plane as collaborating parties use it, every step a persisted command or a signed read: the creator
 * makes a collaboration inviting the member, the member joins, both read it, the creator lists and tags.
 */
public final class ControlPlaneSimulation extends Simulation {

    static final String[] REQUESTS = {
        "CreateCollaboration",
        "CreateMembership",
        "GetCollaboration (member)",
        "GetCollaboration",
        "ListCollaborations",
        "TagResource"
    };

    ScenarioBuilder parties = scenario("control plane")
            .forever()
            .on(exec(session -> session.set("as", "creator"))
                    .exec(http("CreateCollaboration")
                            .post("/collaborations")
                            .body(StringBody("{\"name\":\"load #{randomUuid()}\",\"description\":\"load test\","
                                    + "\"creatorDisplayName\":\"Advertiser\",\"creatorMemberAbilities\":[\"CAN_QUERY\"],"
                                    + "\"members\":[{\"accountId\":\"" + Target.MEMBER_ACCOUNT + "\","
                                    + "\"displayName\":\"Publisher\",\"memberAbilities\":[\"CAN_RECEIVE_RESULTS\"]}],"
                                    + "\"queryLogStatus\":\"DISABLED\"}"))
                            .check(
                                    status().is(200),
                                    jsonPath("$.collaboration.id").saveAs("collaboration"))
                            .check(jsonPath("$.collaboration.arn").saveAs("arn")))
                    // Without its collaboration the rest would act on the previous one (a join answered 409).
                    .exitHereIfFailed()
                    .exec(session -> session.set("as", "member"))
                    .exec(http("CreateMembership")
                            .post("/memberships")
                            .body(
                                    StringBody(
                                            "{\"collaborationIdentifier\":\"#{collaboration}\",\"queryLogStatus\":\"DISABLED\"}"))
                            .check(status().is(200)))
                    .exec(http("GetCollaboration (member)")
                            .get("/collaborations/#{collaboration}")
                            .check(status().is(200)))
                    .exec(session -> session.set("as", "creator"))
                    .exec(http("GetCollaboration")
                            .get("/collaborations/#{collaboration}")
                            .check(status().is(200)))
                    .exec(http("ListCollaborations")
                            .get("/collaborations?maxResults=10")
                            .check(status().is(200)))
                    .exec(http("TagResource")
                            .post(session -> "/tags/" + URLEncoder.encode(session.getString("arn"), UTF_8))
                            .body(StringBody("{\"tags\":{\"team\":\"load\"}}"))
                            .check(status().is(200))));

    {
        setUp(parties.injectClosed(constantConcurrentUsers(Target.USERS).during(Target.DURATION)))
                .protocols(Target.cleanRooms())
                .maxDuration(Target.DURATION)
                .assertions(Target.noFailures(REQUESTS));
    }
}
