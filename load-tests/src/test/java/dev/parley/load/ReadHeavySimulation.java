package dev.parley.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/** Signed reads: each virtual user makes one collaboration, then reads it (and lists) as fast as answers come. */
public final class ReadHeavySimulation extends Simulation {

    static final String[] REQUESTS = {"CreateCollaboration", "GetCollaboration", "ListMembers", "ListCollaborations"};

    ScenarioBuilder readers = scenario("read heavy")
            .exec(session -> session.set("as", "creator"))
            .exec(http("CreateCollaboration")
                    .post("/collaborations")
                    .body(StringBody("{\"name\":\"read #{randomUuid()}\",\"description\":\"load test\","
                            + "\"creatorDisplayName\":\"Advertiser\",\"creatorMemberAbilities\":[\"CAN_QUERY\"],"
                            + "\"members\":[],\"queryLogStatus\":\"DISABLED\"}"))
                    .check(status().is(200), jsonPath("$.collaboration.id").saveAs("collaboration")))
            .forever()
            .on(exec(http("GetCollaboration")
                            .get("/collaborations/#{collaboration}")
                            .check(status().is(200)))
                    .repeat(8)
                    .on(exec(http("ListMembers")
                            .get("/collaborations/#{collaboration}/members")
                            .check(status().is(200))))
                    .exec(http("ListCollaborations")
                            .get("/collaborations?maxResults=10")
                            .check(status().is(200))));

    {
        setUp(readers.injectClosed(constantConcurrentUsers(Target.USERS).during(Target.DURATION)))
                .protocols(Target.cleanRooms())
                .maxDuration(Target.DURATION)
                .assertions(Target.noFailures(REQUESTS));
    }
}
