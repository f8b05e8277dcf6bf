package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.parley.http.cleanrooms.CleanRoomsRoutes;
import dev.parley.http.wire.model.ServiceModel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the Clean Rooms model, requested as its HTTP binding says: those Parley serves are routed (any
 * answer but 501), every other one is answered 501 NotImplemented naming it. This is also what keeps the served set,
 * and so docs/api-coverage.md, true to the routes.
 */
class UnservedOperationsTest {

    @Test
    void everyOperationOfTheModelIsServedOrNamedAsNotServed() throws Exception {
        ServiceModel model = ServiceModel.cleanRooms();
        List<String> wrong = new ArrayList<>();
        try (RunningParley parley =
                new RunningParley(Files.createTempDirectory("parley-unserved"), ConfigFactory.empty())) {
            SignedHttp http = new SignedHttp(parley.endpoint());
            for (ServiceModel.Operation operation : model.operations()) {
                String body = List.of("POST", "PATCH", "PUT").contains(operation.httpMethod()) ? "{}" : null;
                SignedHttp.Reply reply = http.send(CREATOR, operation.httpMethod(), path(operation), body);
                boolean served = CleanRoomsRoutes.SERVED_OPERATIONS.contains(operation.name());
                boolean named = reply.status() == 501
                        && "NotImplemented".equals(reply.errorType())
                        && reply.body().contains(operation.name());
                if (served == (reply.status() == 501) || (!served && !named)) {
                    wrong.add(operation.name() + (served ? " (served)" : " (not served)") + " -> " + reply.status()
                            + " " + reply.errorType());
                }
            }
        }
        assertEquals(List.of(), wrong);
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
