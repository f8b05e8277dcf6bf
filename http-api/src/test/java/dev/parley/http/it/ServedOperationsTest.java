package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.http.wire.ServedService;
import dev.parley.http.wire.model.ServiceModel;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;

/**
 * What a node serves, asked over the wire: every operation of both service models, requested as its binding says
 * (Clean Rooms by method and path, Athena by {@code X-Amz-Target}), is either routed (any answer but 501) or answered
 * 501 NotImplemented naming it, and the routed ones are exactly those the node declares. docs/api-coverage.md is
 * rendered from that declaration; this test fails when the page is stale. Rewrite it with {@code mvn -pl http-api -am
 * test -Dtest=ServedOperationsTest -Dsurefire.failIfNoSpecifiedTests=false -Dparley.write-docs=true}.
 */
class ServedOperationsTest {

    private static final Path DOC = Path.of("..", "docs", "api-coverage.md");

    private static RunningParley parley;
    private static SignedHttp http;

    @BeforeAll
    static void start() throws IOException {
        parley = new RunningParley(Files.createTempDirectory("parley-served"), ConfigFactory.empty());
        http = new SignedHttp(parley.endpoint());
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void everyCleanRoomsOperationIsServedOrNamedAsNotServed() {
        Set<String> served = served("cleanrooms");
        List<String> wrong = new ArrayList<>();
        for (ServiceModel.Operation operation : ServiceModel.cleanRooms().operations()) {
            String body = List.of("POST", "PATCH", "PUT").contains(operation.httpMethod()) ? "{}" : null;
            check(operation, served, http.send(CREATOR, operation.httpMethod(), path(operation), body), wrong);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyAthenaOperationIsServedOrNamedAsNotServed() {
        Set<String> served = served("athena");
        List<String> wrong = new ArrayList<>();
        for (ServiceModel.Operation operation : ServiceModel.athena().operations()) {
            check(
                    operation,
                    served,
                    http.sendTargeted(CREATOR, "athena", "AmazonAthena." + operation.name(), "{}"),
                    wrong);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void anAthenaClientHearsWhichOperationIsNotServed() {
        try (AthenaClient athena = AthenaClient.builder()
                .endpointOverride(parley.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CREATOR.accessKeyId(), CREATOR.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build()) {
            AthenaException refused =
                    assertThrows(AthenaException.class, () -> athena.listNamedQueries(r -> r.workGroup("primary")));
            assertEquals(501, refused.statusCode());
            assertEquals("NotImplemented", refused.awsErrorDetails().errorCode());
            assertTrue(refused.getMessage().contains("ListNamedQueries"), refused.getMessage());
        }
    }

    @Test
    void anUnknownTargetIsAnUnknownOperation() {
        SignedHttp.Reply unknown = http.sendTargeted(CREATOR, "athena", "AmazonAthena.FlyToTheMoon", "{}");
        assertEquals(400, unknown.status());
        assertEquals("UnknownOperationException", unknown.errorType());
        SignedHttp.Reply foreign = http.sendTargeted(CREATOR, "athena", "AWSGlue.GetTables", "{}");
        assertEquals("UnknownOperationException", foreign.errorType());
        SignedHttp.Reply malformed = http.sendTargeted(CREATOR, "athena", "AmazonAthena.ListWorkGroups", "[1]");
        assertEquals("ValidationException", malformed.errorType(), malformed.body());
    }

    @Test
    void theCoveragePageSaysWhatIsServed() throws IOException {
        StringBuilder page = new StringBuilder("# API coverage\n\n")
                .append("Generated by `ServedOperationsTest` from the service models Parley speaks (botocore ")
                .append(ServiceModel.cleanRooms().version())
                .append(", in `http-api/src/main/resources/aws-models/`) and the ")
                .append("operations a running node serves. An operation of a served service's model that Parley does ")
                .append("not serve yet is answered `501 NotImplemented` naming it; a path no model knows, ")
                .append("`404 UnknownOperationException`. Limits beyond the model: 50 tags per resource on every ")
                .append("path, 100 members besides the creator per collaboration, 16 MiB request bodies.\n");
        table(page, "AWS Clean Rooms (restJson1)", ServiceModel.cleanRooms(), served("cleanrooms"));
        table(page, "Amazon Athena (awsJson1_1)", ServiceModel.athena(), served("athena"));
        if (Boolean.getBoolean("parley.write-docs")) {
            Files.writeString(DOC, page);
        }
        assertEquals(
                page.toString(),
                Files.readString(DOC),
                "docs/api-coverage.md is out of date; regenerate it (see the comment on ServedOperationsTest)");
    }

    private static Set<String> served(String signingName) {
        return parley.services().stream()
                .filter(service -> service.model().signingName().equals(signingName))
                .map(ServedService::operations)
                .findFirst()
                .orElseThrow()
                .names();
    }

    private static void check(
            ServiceModel.Operation operation, Set<String> served, SignedHttp.Reply reply, List<String> wrong) {
        boolean isServed = served.contains(operation.name());
        boolean named = reply.status() == 501
                && "NotImplemented".equals(reply.errorType())
                && reply.body().contains(operation.name());
        if (isServed == (reply.status() == 501) || (!isServed && !named)) {
            wrong.add(operation.name() + (isServed ? " (served)" : " (not served)") + " -> " + reply.status() + " "
                    + reply.errorType());
        }
    }

    private static void table(StringBuilder page, String title, ServiceModel model, Set<String> served) {
        long done = model.operations().stream()
                .filter(operation -> served.contains(operation.name()))
                .count();
        page.append("\n## ")
                .append(title)
                .append(": ")
                .append(done)
                .append(" of ")
                .append(model.operations().size())
                .append(" served\n\n| operation | HTTP | status |\n| --- | --- | --- |\n");
        for (ServiceModel.Operation operation : model.operations()) {
            String binding = model.targetPrefix() != null
                    ? "POST / " + model.targetPrefix() + "." + operation.name()
                    : operation.httpMethod() + " " + operation.requestUri().template();
            page.append("| ")
                    .append(operation.name())
                    .append(" | `")
                    .append(binding)
                    .append("` | ")
                    .append(served.contains(operation.name()) ? "served" : "not yet")
                    .append(" |\n");
        }
    }

    /** The operation's path, each label filled with a value of the kind the model expects there. */
    private static String path(ServiceModel.Operation operation) {
        return operation.requestUri().segments().stream()
                .map(segment -> {
                    if (!segment.startsWith("{")) {
                        return segment;
                    }
                    String label = segment.substring(1, segment.length() - 1);
                    if (label.equals("accountId")) {
                        return "123456789012";
                    }
                    if (label.equals("resourceArn")) {
                        return URLEncoder.encode(
                                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":collaboration/"
                                        + UUID.randomUUID(),
                                StandardCharsets.UTF_8);
                    }
                    return UUID.randomUUID().toString();
                })
                .collect(Collectors.joining("/", "/", ""));
    }
}
