package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/** Athena work groups, engine versions, DPU sizes and tags, driven through the real AthenaClient. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AthenaWorkGroupsContract {

    static final String SPARK = "PySpark engine version 3";

    RunningParley parley;
    AthenaClient creator;
    AthenaClient outsider;

    abstract Config databaseConfig();

    @BeforeAll
    void startParley() throws java.io.IOException {
        parley = new RunningParley(Files.createTempDirectory("parley-athena-it"), databaseConfig());
        creator = parley.athena(CREATOR);
        outsider = parley.athena(OUTSIDER);
    }

    @AfterAll
    void stopParley() {
        if (parley != null) {
            parley.close();
        }
    }

    void createSparkWorkGroup(AthenaClient client, String name) {
        client.createWorkGroup(r -> r.name(name)
                .description("interactive")
                .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion(SPARK))
                        .resultConfiguration(o -> o.outputLocation("s3://results/" + name + "/"))
                        .enforceWorkGroupConfiguration(true))
                .tags(Tag.builder().key("team").value("data").build()));
    }

    static String arn(String account, String name) {
        return "arn:aws:athena:us-east-1:" + account + ":workgroup/" + name;
    }

    @Test
    void aSparkWorkGroupIsCreatedReadUpdatedAndDeleted() {
        createSparkWorkGroup(creator, "wg-life");
        WorkGroup workGroup = creator.getWorkGroup(r -> r.workGroup("wg-life")).workGroup();
        assertEquals("wg-life", workGroup.name());
        assertEquals("interactive", workGroup.description());
        assertEquals(WorkGroupState.ENABLED, workGroup.state());
        assertNotNull(workGroup.creationTime());
        assertEquals(
                EngineVersion.builder()
                        .selectedEngineVersion(SPARK)
                        .effectiveEngineVersion(SPARK)
                        .build(),
                workGroup.configuration().engineVersion());
        assertEquals(
                "s3://results/wg-life/",
                workGroup.configuration().resultConfiguration().outputLocation());
        assertTrue(workGroup.configuration().enforceWorkGroupConfiguration());

        creator.updateWorkGroup(r -> r.workGroup("wg-life")
                .state(WorkGroupState.DISABLED)
                .configurationUpdates(u -> u.resultConfigurationUpdates(o -> o.outputLocation("s3://results/moved"))));
        WorkGroup updated = creator.getWorkGroup(r -> r.workGroup("wg-life")).workGroup();
        assertEquals(WorkGroupState.DISABLED, updated.state());
        assertEquals("interactive", updated.description());
        assertEquals(
                "s3://results/moved",
                updated.configuration().resultConfiguration().outputLocation());
        assertEquals(SPARK, updated.configuration().engineVersion().selectedEngineVersion());
        assertEquals(WorkGroupState.DISABLED, summaries(creator).get("wg-life").state());

        creator.deleteWorkGroup(r -> r.workGroup("wg-life").recursiveDeleteOption(true));
        InvalidRequestException gone =
                assertThrows(InvalidRequestException.class, () -> creator.getWorkGroup(r -> r.workGroup("wg-life")));
        assertEquals("RESOURCE_NOT_FOUND", gone.athenaErrorCode());
        assertFalse(summaries(creator).containsKey("wg-life"));

        createSparkWorkGroup(creator, "wg-life");
        assertEquals(
                WorkGroupState.ENABLED,
                creator.getWorkGroup(r -> r.workGroup("wg-life")).workGroup().state());
    }

    @Test
    void aNameIsTakenOnceInAnAccount() {
        createSparkWorkGroup(creator, "wg-twice");
        InvalidRequestException twice =
                assertThrows(InvalidRequestException.class, () -> createSparkWorkGroup(creator, "wg-twice"));
        assertTrue(twice.getMessage().contains("already created"), twice.getMessage());
    }

    @Test
    void listingIsNewestFirstAndPaged() {
        List<String> names = List.of("wg-page-1", "wg-page-2", "wg-page-3");
        for (String name : names) {
            createSparkWorkGroup(parley.athena(TestAccounts.MEMBER_C), name);
        }
        AthenaClient member = parley.athena(TestAccounts.MEMBER_C);
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListWorkGroupsResponse page =
                    member.listWorkGroups(r -> r.maxResults(2).nextToken(next));
            assertTrue(page.workGroups().size() <= 2);
            page.workGroups().forEach(summary -> seen.add(summary.name()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of("wg-page-3", "wg-page-2", "wg-page-1"), seen);
        WorkGroupSummary summary =
                member.listWorkGroups(r -> r.maxResults(1)).workGroups().get(0);
        assertEquals(SPARK, summary.engineVersion().effectiveEngineVersion());
        assertEquals("interactive", summary.description());
    }

    @Test
    void engineVersionsAndDpuSizes() {
        List<EngineVersion> versions = creator.listEngineVersions(r -> {}).engineVersions();
        assertTrue(versions.stream().anyMatch(v -> v.selectedEngineVersion().equals(SPARK)), versions.toString());
        assertTrue(versions.stream().anyMatch(v -> v.selectedEngineVersion().equals("AUTO")), versions.toString());
        var first = creator.listEngineVersions(r -> r.maxResults(1));
        assertEquals(1, first.engineVersions().size());
        var rest = creator.listEngineVersions(r -> r.maxResults(10).nextToken(first.nextToken()));
        assertEquals(versions.size() - 1, rest.engineVersions().size());
        var sizes = creator.listApplicationDPUSizes(r -> {}).applicationDPUSizes();
        assertEquals(1, sizes.size());
        assertEquals(List.of(1), sizes.get(0).supportedDPUSizes());
    }

    @Test
    void tagsOnAWorkGroup() {
        createSparkWorkGroup(creator, "wg-tags");
        String arn = arn(CREATOR.accountId(), "wg-tags");
        creator.tagResource(r ->
                r.resourceARN(arn).tags(Tag.builder().key("stage").value("prod").build()));
        creator.untagResource(r -> r.resourceARN(arn).tagKeys("team"));
        assertEquals(Map.of("stage", "prod"), tags(creator, arn));
        assertThrows(
                ResourceNotFoundException.class,
                () -> creator.listTagsForResource(r -> r.resourceARN(arn(CREATOR.accountId(), "wg-none"))));
        assertThrows(
                ResourceNotFoundException.class,
                () -> creator.listTagsForResource(
                        r -> r.resourceARN("arn:aws:athena:eu-west-1:" + CREATOR.accountId() + ":workgroup/wg-tags")));
    }

    @Test
    void anotherAccountNeitherSeesNorTouchesAWorkGroup() {
        createSparkWorkGroup(creator, "wg-private");
        String arn = arn(CREATOR.accountId(), "wg-private");
        assertThrows(InvalidRequestException.class, () -> outsider.getWorkGroup(r -> r.workGroup("wg-private")));
        assertThrows(
                InvalidRequestException.class,
                () -> outsider.updateWorkGroup(r -> r.workGroup("wg-private").description("mine")));
        assertThrows(InvalidRequestException.class, () -> outsider.deleteWorkGroup(r -> r.workGroup("wg-private")));
        assertThrows(ResourceNotFoundException.class, () -> outsider.listTagsForResource(r -> r.resourceARN(arn)));
        assertThrows(
                ResourceNotFoundException.class,
                () -> outsider.tagResource(r -> r.resourceARN(arn)
                        .tags(Tag.builder().key("x").value("y").build())));
        assertThrows(
                ResourceNotFoundException.class,
                () -> outsider.untagResource(r -> r.resourceARN(arn).tagKeys("team")));
        assertFalse(summaries(outsider).containsKey("wg-private"));
        // The same name in the outsider's account is the outsider's own work group.
        createSparkWorkGroup(outsider, "wg-private");
        outsider.updateWorkGroup(r -> r.workGroup("wg-private").description("mine"));
        WorkGroup original =
                creator.getWorkGroup(r -> r.workGroup("wg-private")).workGroup();
        assertEquals("interactive", original.description());
        assertEquals(Map.of("team", "data"), tags(creator, arn));
    }

    @Test
    void badInputIsAnInvalidRequestAndChangesNothing() {
        createSparkWorkGroup(creator, "wg-bad");
        Map<String, Executable> bad = Map.ofEntries(
                Map.entry("CreateWorkGroup name", () -> creator.createWorkGroup(r -> r.name("no spaces"))),
                Map.entry(
                        "CreateWorkGroup engine",
                        () -> creator.createWorkGroup(r -> r.name("wg-bad-engine")
                                .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion("Spark 9"))))),
                Map.entry(
                        "CreateWorkGroup output",
                        () -> creator.createWorkGroup(r -> r.name("wg-bad-output")
                                .configuration(c -> c.resultConfiguration(o -> o.outputLocation("s3://b/../x"))))),
                Map.entry(
                        "CreateWorkGroup unsupported",
                        () -> creator.createWorkGroup(r ->
                                r.name("wg-bad-cutoff").configuration(c -> c.bytesScannedCutoffPerQuery(20_000_000L)))),
                Map.entry("GetWorkGroup", () -> creator.getWorkGroup(r -> r.workGroup("a/b"))),
                Map.entry("ListWorkGroups", () -> creator.listWorkGroups(r -> r.maxResults(51))),
                Map.entry("ListWorkGroups token", () -> creator.listWorkGroups(r -> r.nextToken("forged"))),
                Map.entry(
                        "UpdateWorkGroup",
                        () -> creator.updateWorkGroup(r -> r.workGroup("wg-bad")
                                .configurationUpdates(u -> u.engineVersion(e -> e.selectedEngineVersion("Spark 9"))))),
                Map.entry("DeleteWorkGroup", () -> creator.deleteWorkGroup(r -> r.workGroup(""))),
                Map.entry("ListEngineVersions", () -> creator.listEngineVersions(r -> r.maxResults(11))),
                Map.entry("ListApplicationDPUSizes", () -> creator.listApplicationDPUSizes(r -> r.maxResults(0))),
                Map.entry(
                        "TagResource",
                        () -> creator.tagResource(r -> r.resourceARN(arn(CREATOR.accountId(), "wg-bad"))
                                .tags(Tag.builder().key("").value("v").build()))),
                Map.entry(
                        "UntagResource",
                        () -> creator.untagResource(r -> r.resourceARN(arn(CREATOR.accountId(), "wg-bad")))),
                Map.entry(
                        "ListTagsForResource",
                        () -> creator.listTagsForResource(r -> r.resourceARN(arn(CREATOR.accountId(), "wg-bad"))
                                .maxResults(5))));
        bad.forEach((operation, call) -> {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, call, operation);
            assertEquals(400, refused.statusCode(), operation);
            assertNotNull(refused.athenaErrorCode(), operation);
        });
        WorkGroup unchanged = creator.getWorkGroup(r -> r.workGroup("wg-bad")).workGroup();
        assertEquals(SPARK, unchanged.configuration().engineVersion().selectedEngineVersion());
        assertEquals(Map.of("team", "data"), tags(creator, arn(CREATOR.accountId(), "wg-bad")));
        Map<String, WorkGroupSummary> listed = summaries(creator);
        for (String name : List.of("wg-bad-engine", "wg-bad-output", "wg-bad-cutoff")) {
            assertFalse(listed.containsKey(name), name);
            assertThrows(InvalidRequestException.class, () -> creator.getWorkGroup(r -> r.workGroup(name)));
        }
        assertNull(listed.get("no spaces"));
    }

    @Test
    void workGroupsSurviveARestart() {
        createSparkWorkGroup(creator, "wg-durable");
        parley.restart();
        creator = parley.athena(CREATOR);
        outsider = parley.athena(OUTSIDER);
        assertEquals(
                SPARK,
                creator.getWorkGroup(r -> r.workGroup("wg-durable"))
                        .workGroup()
                        .configuration()
                        .engineVersion()
                        .selectedEngineVersion());
        // Read-your-writes covers the writes a node took; after a restart the read side catches up by itself.
        RunningParley.eventually(() -> summaries(creator), listed -> listed.containsKey("wg-durable"));
    }

    static Map<String, WorkGroupSummary> summaries(AthenaClient client) {
        return client.listWorkGroupsPaginator(r -> r.maxResults(50)).stream()
                .flatMap(page -> page.workGroups().stream())
                .collect(Collectors.toMap(WorkGroupSummary::name, Function.identity()));
    }

    static Map<String, String> tags(AthenaClient client, String arn) {
        return client.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
