package dev.parley.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What a simulation runs against and for how long, from system properties the run script sets: {@code parley.urls}
 * (one node or several, comma-separated; virtual users are spread over them), {@code parley.users} (concurrent virtual
 * users), {@code parley.seconds}, and the two accounts' keys (the demo accounts by default).
 */
final class Target {

    static final String[] URLS =
            System.getProperty("parley.urls", "http://127.0.0.1:8080").split(",");
    static final int USERS = Integer.getInteger("parley.users", 8);
    static final Duration DURATION = Duration.ofSeconds(Long.getLong("parley.seconds", 10));

    static final String CREATOR_ACCOUNT = System.getProperty("parley.creator.account", "111111111111");
    static final AwsCredentialsIdentity CREATOR = AwsCredentialsIdentity.create(
            System.getProperty("parley.creator.key", "AKIDEMOCREATOR000001"),
            System.getProperty("parley.creator.secret", "demo-secret-creator-do-not-use-in-production"));
    static final String MEMBER_ACCOUNT = System.getProperty("parley.member.account", "222222222222");
    static final AwsCredentialsIdentity MEMBER = AwsCredentialsIdentity.create(
            System.getProperty("parley.member.key", "AKIDEMOMEMBER0000002"),
            System.getProperty("parley.member.secret", "demo-secret-member-two-do-not-use-in-production"));

    private Target() {}

    /**
     * No request failed, and each named request was answered successfully at least once: a request Gatling could not
     * even build (a missing session attribute) is not counted among failed requests, so it must show as none made.
     */
    static List<Assertion> noFailures(String... requests) {
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().count().is(0L));
        for (String request : requests) {
            assertions.add(details(request).successfulRequests().count().gt(0L));
        }
        return assertions;
    }

    /** Clean Rooms over every node, each request signed by the account the virtual user acts as (`as` in its session). */
    static HttpProtocolBuilder cleanRooms() {
        return http.baseUrls(Arrays.asList(URLS))
                .contentTypeHeader("application/json")
                .sign((request, session) ->
                        SigV4.sign(request, "member".equals(session.getString("as")) ? MEMBER : CREATOR, "cleanrooms"));
    }
}
