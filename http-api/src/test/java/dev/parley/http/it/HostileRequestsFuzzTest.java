package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static dev.parley.http.it.TestAccounts.MEMBER_C;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.parley.http.auth.Account;
import dev.parley.persistence.DatabaseSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;

/**
 * A few thousand malformed and hostile requests over every served operation: forged and foreign signatures, broken
 * bodies, bad identifiers and parameters, and well-formed requests by accounts that may not make them. Every one must
 * be refused with a 4xx, none may take 3 s or more, and afterwards the journal and every answer the API gives about
 * the existing resources must be exactly what they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsFuzzTest {

    private static final int REQUESTS = 3_000;
    private static final long SEED = Long.getLong("parley.fuzz.seed", 20261122L);
    private static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands for an unpaired surrogate, which only the JSON text can carry: replaced by its escape once written. */
    private static final String LONE_SURROGATE = "@@lone-surrogate@@";

    private Path dataDir;
    private RunningParley parley;
    private SignedHttp http;
    private String collaborationId;
    private String creatorMembershipId;
    private String memberBMembershipId;
    private List<Operation> operations;

    /** One served operation, with a request that would succeed for {@code caller} were nothing wrong with it. */
    private record Operation(
            String name,
            String method,
            String pathAndQuery,
            Account caller,
            String body,
            List<Field> fields,
            List<Account> refused) {}

    /** A body member and what breaks it: a required member may be removed; strings have lengths; enums, values. */
    private record Field(String path, boolean required, Kind kind, int maxLength) {}

    private enum Kind {
        STRING,
        ENUM,
        LIST,
        OBJECT,
        TAGS
    }

    private record Hostile(String description, Supplier<SignedHttp.Reply> send) {}

    @BeforeAll
    void startAndSeed() throws Exception {
        dataDir = Files.createTempDirectory("parley-fuzz");
        parley = new RunningParley(dataDir, ConfigFactory.empty());
        http = new SignedHttp(parley.endpoint());
        var creator = parley.cleanRooms(CREATOR);
        var memberB = parley.cleanRooms(MEMBER_B);
        collaborationId = creator.createCollaboration(CleanRoomsContract.request("fuzzed", b -> {}))
                .collaboration()
                .id();
        creatorMembershipId = creator.createMembership(r ->
                        r.collaborationIdentifier(collaborationId).queryLogStatus(MembershipQueryLogStatus.DISABLED))
                .membership()
                .id();
        memberBMembershipId = memberB.createMembership(r -> r.collaborationIdentifier(collaborationId)
                        .queryLogStatus(MembershipQueryLogStatus.ENABLED)
                        .tags(Map.of("owner", "b")))
                .membership()
                .id();
        eventually(() -> memberB.listMemberships(r -> {}).membershipSummaries().size(), size -> size == 1);
        eventually(
                () -> creator.listMembers(r -> r.collaborationIdentifier(collaborationId)).memberSummaries().stream()
                        .filter(m -> m.membershipId() != null)
                        .count(),
                joined -> joined == 2);
        operations = operations();
    }

    @AfterAll
    void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void hostileRequestsAreRefusedFastAndChangeNothing() throws Exception {
        Map<String, String> before = observableState();
        long journalBefore = journalRows();
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long slowestNanos = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Hostile hostile = hostile(random);
            long start = System.nanoTime();
            SignedHttp.Reply reply = hostile.send().get();
            long elapsed = System.nanoTime() - start;
            slowestNanos = Math.max(slowestNanos, elapsed);
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() < 400
                    || reply.status() >= 500
                    || elapsed >= SLOWEST_ALLOWED.toNanos()
                    || reply.errorType() == null
                    || reply.requestId() == null) {
                failures.add(hostile.description() + " -> " + reply.status() + " " + reply.errorType() + " in "
                        + elapsed / 1_000_000 + " ms: " + reply.body());
            }
        }
        System.out.printf(
                "fuzz test (seed %d): %d hostile requests, statuses %s, slowest %d ms, %d failures%n",
                SEED, REQUESTS, statuses, slowestNanos / 1_000_000, failures.size());
        assertEquals(
                List.of(),
                failures.stream().limit(20).toList(),
                failures.size() + " requests were not refused " + "fast with a 4xx AWS error");
        assertEquals(journalBefore, journalRows(), "events were persisted");
        assertEquals(before, observableState());
    }

    private Hostile hostile(Random random) {
        Operation operation = operations.get(random.nextInt(operations.size()));
        return switch (random.nextInt(4)) {
            case 0 -> forgedSignature(operation, random);
            case 1 -> operation.fields().isEmpty() ? badPath(operation, random) : brokenBody(operation, random);
            case 2 -> badPath(operation, random);
            default -> operation.refused().isEmpty() ? badPath(operation, random) : wrongCaller(operation, random);
        };
    }

    /** The operation's own valid request, but not validly signed by anyone this server serves. */
    private Hostile forgedSignature(Operation op, Random random) {
        byte[] body = SignedHttp.bytes(op.body());
        String contentType = op.body() == null ? null : "application/json";
        int attack = random.nextInt(9);
        String description = op.name() + " with forged signature #" + attack;
        return new Hostile(description, () -> switch (attack) {
            case 0 -> http.sendUnsigned(op.method(), op.pathAndQuery());
            case 1 ->
                http.sendAsIs(
                        http.sign(
                                op.caller(),
                                op.method(),
                                op.pathAndQuery(),
                                contentType,
                                body,
                                s -> s.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-" + random.nextInt(1000))),
                        body);
            case 2 ->
                http.sendAsIs(
                        http.sign(
                                op.caller(),
                                op.method(),
                                op.pathAndQuery(),
                                contentType,
                                body,
                                s -> s.putProperty(
                                        AwsV4HttpSigner.SERVICE_SIGNING_NAME, random.nextBoolean() ? "s3" : "athena")),
                        body);
            case 3 ->
                http.sendAsIs(
                        http.sign(
                                new Account(op.caller().accountId(), op.caller().accessKeyId(), "not-the-secret"),
                                op.method(),
                                op.pathAndQuery(),
                                contentType,
                                body,
                                s -> {}),
                        body);
            case 4 ->
                http.sendAsIs(
                        http.sign(
                                new Account("999999999999", "AKIANOBODY000000009", "x"),
                                op.method(),
                                op.pathAndQuery(),
                                contentType,
                                body,
                                s -> {}),
                        body);
            case 5 ->
                http.sendAsIs(
                        http.sign(
                                op.caller(),
                                op.method(),
                                op.pathAndQuery(),
                                contentType,
                                body,
                                s -> s.putProperty(
                                        AwsV4HttpSigner.SIGNING_CLOCK,
                                        Clock.offset(
                                                Clock.systemUTC(),
                                                Duration.ofMinutes(random.nextBoolean() ? 16 : -16)))),
                        body);
            case 6 ->
                http.sendAsIs(
                        http.sign(op.caller(), op.method(), op.pathAndQuery(), contentType, body, s -> {}),
                        SignedHttp.bytes("{\"name\":\"replayed\",\"tags\":{\"replayed\":\"yes\"}}"));
            case 7 ->
                http.sendAsIs(
                        http.sign(
                                op.caller(),
                                op.method(),
                                op.pathAndQuery(),
                                "application/json",
                                SignedHttp.bytes("{}"),
                                s -> s.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)),
                        SignedHttp.bytes("{\"name\":\"replayed\"}"));
            default -> {
                var signed = http.sign(op.caller(), op.method(), op.pathAndQuery(), contentType, body, s -> {});
                String authorization =
                        signed.firstMatchingHeader("Authorization").orElseThrow();
                char last = authorization.charAt(authorization.length() - 1);
                yield http.sendAsIs(
                        signed.toBuilder()
                                .putHeader(
                                        "Authorization",
                                        authorization.substring(0, authorization.length() - 1)
                                                + (last == '0' ? '1' : '0'))
                                .build(),
                        body);
            }
        });
    }

    /** Correctly signed by the right caller, with a body the service model or the domain refuses. */
    private Hostile brokenBody(Operation op, Random random) {
        String body;
        String description;
        int attack = random.nextInt(10);
        if (attack == 0) {
            body = op.body().substring(0, random.nextInt(op.body().length() - 1));
            description = "truncated JSON";
        } else if (attack == 1) {
            body = List.of("[]", "42", "\"text\"", "true", "{\"a\":", "\u0000", "{\"a\":1,}", "{'a':1}")
                    .get(random.nextInt(8));
            description = "not a JSON object: " + body;
        } else if (attack == 2) {
            body = "{\"" + op.fields().get(0).path().split("\\.")[0] + "\":" + "[".repeat(5_000) + "]".repeat(5_000)
                    + "}";
            description = "nesting 5,000 deep";
        } else {
            Field field = op.fields().get(random.nextInt(op.fields().size()));
            ObjectNode json = (ObjectNode) parse(op.body());
            description = breakField(json, field, random);
            body = write(json);
        }
        String sent = body;
        return new Hostile(
                op.name() + " " + description, () -> http.send(op.caller(), op.method(), op.pathAndQuery(), sent));
    }

    private static String breakField(ObjectNode json, Field field, Random random) {
        String[] path = field.path().split("\\.");
        ObjectNode parent = json;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = parent.get(path[i]);
            parent = (ObjectNode) (next.isArray() ? next.get(0) : next);
        }
        String name = path[path.length - 1];
        List<String> attacks = new ArrayList<>(List.of("wrong type", "unpaired surrogate"));
        if (field.required()) {
            attacks.add("missing");
        }
        if (field.kind() == Kind.STRING && field.maxLength() > 0) {
            attacks.add("too long");
        }
        if (field.kind() == Kind.ENUM) {
            attacks.add("not in the enum");
        }
        if (field.kind() == Kind.TAGS) {
            attacks.addAll(List.of("too many tags", "tag key too long", "tag value too long", "empty tag key"));
        }
        String attack = attacks.get(random.nextInt(attacks.size()));
        switch (attack) {
            case "wrong type" -> {
                if (field.kind() == Kind.LIST || field.kind() == Kind.OBJECT || field.kind() == Kind.TAGS) {
                    parent.put(name, random.nextBoolean() ? "text" : "7");
                } else if (random.nextBoolean()) {
                    parent.put(name, random.nextInt());
                } else {
                    parent.putArray(name).add("x");
                }
            }
            case "unpaired surrogate" -> {
                if (field.kind() == Kind.TAGS) {
                    parent.putObject(name).put(random.nextBoolean() ? "k" + LONE_SURROGATE : "k", "v" + LONE_SURROGATE);
                } else if (field.kind() == Kind.LIST || field.kind() == Kind.OBJECT) {
                    parent.put(name + LONE_SURROGATE, "x");
                    parent.remove(name);
                } else {
                    parent.put(name, "ok" + LONE_SURROGATE);
                }
            }
            case "missing" -> parent.remove(name);
            case "too long" -> parent.put(name, "x".repeat(field.maxLength() + 1 + random.nextInt(1_000)));
            case "not in the enum" ->
                parent.put(
                        name,
                        random.nextBoolean()
                                ? "NOT_A_VALUE"
                                : parent.path(name).asText("x").toLowerCase(java.util.Locale.ROOT));
            case "too many tags" -> {
                ObjectNode tags = parent.putObject(name);
                int count = 51 + random.nextInt(300);
                for (int i = 0; i < count; i++) {
                    tags.put("key" + i, "value");
                }
            }
            case "tag key too long" -> parent.putObject(name).put("k".repeat(129), "v");
            case "tag value too long" -> parent.putObject(name).put("k", "v".repeat(257));
            default -> parent.putObject(name).put("", "v");
        }
        return field.path() + " " + attack;
    }

    /** Correctly signed by the right caller, aimed at identifiers and parameters the model refuses. */
    private Hostile badPath(Operation op, Random random) {
        String uuid = collaborationId;
        List<String> paths = List.of(
                "/collaborations/" + uuid.toUpperCase(java.util.Locale.ROOT),
                "/collaborations/" + uuid + "x",
                "/collaborations/..%2F..%2Fetc%2Fpasswd",
                "/collaborations/" + java.util.UUID.randomUUID(),
                "/collaborations/" + uuid + "/member/12345",
                "/collaborations/" + uuid + "/member/" + MEMBER_B.accountId() + "x",
                "/collaborations?maxResults="
                        + List.of("0", "101", "-1", "abc", "1e3", "99999999999").get(random.nextInt(6)),
                "/collaborations?nextToken="
                        + URLEncoder.encode(randomText(random, 1 + random.nextInt(200)), StandardCharsets.UTF_8),
                "/collaborations?memberStatus=LEFT",
                "/memberships?status=" + URLEncoder.encode(randomText(random, 8), StandardCharsets.UTF_8),
                "/memberships/" + java.util.UUID.randomUUID(),
                "/memberships/%00",
                "/tags/"
                        + URLEncoder.encode(
                                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":collaboration/"
                                        + java.util.UUID.randomUUID(),
                                StandardCharsets.UTF_8),
                "/tags/" + URLEncoder.encode("arn:aws:s3:::bucket", StandardCharsets.UTF_8),
                "/tags/"
                        + URLEncoder.encode(
                                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":configuredtable/" + uuid,
                                StandardCharsets.UTF_8),
                "/no-such-operation/" + uuid,
                "/" + randomText(random, 20).replaceAll("[^a-z]", "x"));
        String path = paths.get(random.nextInt(paths.size()));
        String method = random.nextInt(5) == 0 ? "PUT" : op.method();
        // The operation's own body would make some of these paths a valid create; an empty one never does.
        String body = op.body() == null ? null : "{}";
        return new Hostile(method + " " + path, () -> http.send(op.caller(), method, path, body));
    }

    /** A well-formed request by an account that may not make it. */
    private Hostile wrongCaller(Operation op, Random random) {
        Account caller = op.refused().get(random.nextInt(op.refused().size()));
        return new Hostile(
                op.name() + " by " + caller.accountId(),
                () -> http.send(caller, op.method(), op.pathAndQuery(), op.body()));
    }

    /**
     * Every operation served, each with the request that would succeed for its caller: only what the attack changes
     * makes it fail. Creator-only operations are the creator's; membership operations are B's; C (invited, not joined)
     * could still join.
     */
    private List<Operation> operations() {
        String collaboration = "/collaborations/" + collaborationId;
        String collaborationArn =
                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":collaboration/" + collaborationId;
        String tags = "/tags/" + URLEncoder.encode(collaborationArn, StandardCharsets.UTF_8);
        List<Field> createCollaborationFields = List.of(
                new Field("name", true, Kind.STRING, 100),
                new Field("description", false, Kind.STRING, 255),
                new Field("creatorDisplayName", true, Kind.STRING, 100),
                new Field("creatorMemberAbilities", true, Kind.LIST, 0),
                new Field("members", true, Kind.LIST, 0),
                new Field("members.accountId", true, Kind.STRING, 12),
                new Field("members.displayName", true, Kind.STRING, 100),
                new Field("queryLogStatus", true, Kind.ENUM, 0),
                new Field("analyticsEngine", false, Kind.ENUM, 0),
                new Field("tags", false, Kind.TAGS, 0));
        List<Account> notCreator = List.of(OUTSIDER, MEMBER_B, MEMBER_C);
        List<Account> notB = List.of(OUTSIDER, CREATOR, MEMBER_C);
        return List.of(
                new Operation(
                        "CreateCollaboration",
                        "POST",
                        "/collaborations",
                        CREATOR,
                        write(createCollaboration()),
                        createCollaborationFields,
                        List.of()),
                new Operation(
                        "ListCollaborations",
                        "GET",
                        "/collaborations?maxResults=10",
                        CREATOR,
                        null,
                        List.of(),
                        List.of()),
                new Operation("GetCollaboration", "GET", collaboration, MEMBER_B, null, List.of(), List.of(OUTSIDER)),
                new Operation(
                        "UpdateCollaboration",
                        "PATCH",
                        collaboration,
                        CREATOR,
                        "{\"name\":\"renamed\",\"description\":\"changed\",\"analyticsEngine\":\"SPARK\"}",
                        List.of(
                                new Field("name", false, Kind.STRING, 100),
                                new Field("description", false, Kind.STRING, 255),
                                new Field("analyticsEngine", false, Kind.ENUM, 0)),
                        notCreator),
                new Operation("DeleteCollaboration", "DELETE", collaboration, CREATOR, null, List.of(), notCreator),
                new Operation(
                        "ListMembers", "GET", collaboration + "/members", MEMBER_C, null, List.of(), List.of(OUTSIDER)),
                new Operation(
                        "DeleteMember",
                        "DELETE",
                        collaboration + "/member/" + MEMBER_C.accountId(),
                        CREATOR,
                        null,
                        List.of(),
                        notCreator),
                new Operation(
                        "CreateMembership",
                        "POST",
                        "/memberships",
                        MEMBER_C,
                        "{\"collaborationIdentifier\":\"" + collaborationId + "\",\"queryLogStatus\":\"ENABLED\","
                                + "\"tags\":{\"owner\":\"c\"}}",
                        List.of(
                                new Field("collaborationIdentifier", true, Kind.STRING, 36),
                                new Field("queryLogStatus", true, Kind.ENUM, 0),
                                new Field("tags", false, Kind.TAGS, 0)),
                        List.of(CREATOR, MEMBER_B, OUTSIDER)),
                new Operation(
                        "ListMemberships", "GET", "/memberships?status=ACTIVE", MEMBER_B, null, List.of(), List.of()),
                new Operation(
                        "GetMembership", "GET", "/memberships/" + memberBMembershipId, MEMBER_B, null, List.of(), notB),
                new Operation(
                        "UpdateMembership",
                        "PATCH",
                        "/memberships/" + memberBMembershipId,
                        MEMBER_B,
                        "{\"queryLogStatus\":\"DISABLED\",\"defaultResultConfiguration\":{\"outputConfiguration\":"
                                + "{\"s3\":{\"resultFormat\":\"CSV\",\"bucket\":\"results\"}}}}",
                        List.of(
                                new Field("queryLogStatus", false, Kind.ENUM, 0),
                                new Field("defaultResultConfiguration.outputConfiguration", true, Kind.OBJECT, 0),
                                new Field(
                                        "defaultResultConfiguration.outputConfiguration.s3.bucket",
                                        true,
                                        Kind.STRING,
                                        63),
                                new Field(
                                        "defaultResultConfiguration.outputConfiguration.s3.resultFormat",
                                        true,
                                        Kind.ENUM,
                                        0)),
                        notB),
                new Operation(
                        "DeleteMembership",
                        "DELETE",
                        "/memberships/" + memberBMembershipId,
                        MEMBER_B,
                        null,
                        List.of(),
                        notB),
                new Operation(
                        "TagResource",
                        "POST",
                        tags,
                        CREATOR,
                        "{\"tags\":{\"stage\":\"pilot\"}}",
                        List.of(new Field("tags", true, Kind.TAGS, 0)),
                        notCreator),
                new Operation("UntagResource", "DELETE", tags + "?tagKeys=team", CREATOR, null, List.of(), notCreator),
                new Operation("ListTagsForResource", "GET", tags, CREATOR, null, List.of(), notCreator));
    }

    private static ObjectNode createCollaboration() {
        ObjectNode body = JSON.createObjectNode()
                .put("name", "fuzz")
                .put("description", "d")
                .put("creatorDisplayName", "Advertiser")
                .put("queryLogStatus", "DISABLED")
                .put("analyticsEngine", "CLEAN_ROOMS_SQL");
        body.putArray("creatorMemberAbilities").add(MemberAbility.CAN_QUERY.toString());
        body.putArray("members")
                .addObject()
                .put("accountId", MEMBER_B.accountId())
                .put("displayName", "Publisher")
                .putArray("memberAbilities");
        body.putObject("tags").put("team", "fuzz");
        return body;
    }

    /** What the API says about every existing resource, to every account that may ask. */
    private Map<String, String> observableState() {
        String collaboration = "/collaborations/" + collaborationId;
        String tags = "/tags/"
                + URLEncoder.encode(
                        "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":collaboration/" + collaborationId,
                        StandardCharsets.UTF_8);
        String bTags = "/tags/"
                + URLEncoder.encode(
                        "arn:aws:cleanrooms:us-east-1:" + MEMBER_B.accountId() + ":membership/" + memberBMembershipId,
                        StandardCharsets.UTF_8);
        Map<String, String> state = new TreeMap<>();
        for (Account account : TestAccounts.list()) {
            for (String path : List.of(
                    "/collaborations",
                    "/collaborations?memberStatus=ACTIVE",
                    "/memberships",
                    collaboration,
                    collaboration + "/members",
                    "/memberships/" + memberBMembershipId,
                    "/memberships/" + creatorMembershipId,
                    tags,
                    bTags)) {
                SignedHttp.Reply reply = http.send(account, "GET", path, null);
                state.put(account.accountId() + " GET " + path, reply.status() + " " + reply.body());
            }
        }
        return state;
    }

    private long journalRows() throws SQLException {
        String url = DatabaseSettings.h2File(dataDir.resolve("journal"), Duration.ofSeconds(3))
                .url();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT (SELECT COUNT(*) FROM \"event_journal\") + (SELECT COUNT(*) FROM \"snapshot\")")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x7e - 0x20)));
        }
        return text.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json).replace(LONE_SURROGATE, "\\ud800");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
