package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.CreatePresignedNotebookUrlResponse;
import software.amazon.awssdk.services.athena.model.ExportNotebookResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListNotebookMetadataResponse;
import software.amazon.awssdk.services.athena.model.NotebookMetadata;
import software.amazon.awssdk.services.athena.model.NotebookType;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.SessionState;

/**
 * Notebooks through the real AthenaClient: create, import, export what was stored, update from a session, rename
 * (names unique in a work group), list with a filter and pages, delete, presigned URLs whose token is checked, and
 * another account seeing none of it. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AthenaNotebooksContract {

    static final String SPARK = "PySpark engine version 3";
    static final String NOTEBOOK =
            "{\"cells\":[{\"cell_type\":\"code\",\"source\":\"%%sql\\nSELECT 1\",\"metadata\":{},"
                    + "\"outputs\":[],\"execution_count\":null}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}";

    Path dataDir;
    RunningParley parley;
    AthenaClient creator;
    AthenaClient outsider;

    abstract Config databaseConfig();

    @BeforeAll
    void startParley() throws IOException {
        dataDir = Files.createTempDirectory("parley-notebooks-it");
        parley = new RunningParley(dataDir, databaseConfig());
        connect();
    }

    private void connect() {
        creator = parley.athena(CREATOR);
        outsider = parley.athena(OUTSIDER);
    }

    @AfterAll
    void stopParley() {
        if (parley != null) {
            parley.close();
        }
    }

    void sparkWorkGroup(String name) {
        creator.createWorkGroup(r -> r.name(name)
                .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion(SPARK))
                        .resultConfiguration(o -> o.outputLocation("s3://results/" + name + "/"))));
    }

    List<String> names(AthenaClient client, String workGroup, String filter) {
        return client
                .listNotebookMetadata(r -> r.workGroup(workGroup).filters(f -> f.name(filter)))
                .notebookMetadataList()
                .stream()
                .map(NotebookMetadata::name)
                .sorted()
                .toList();
    }

    @Test
    void aNotebookIsKeptExportedUpdatedRenamedAndDeleted() {
        sparkWorkGroup("nb-life");
        Instant before = Instant.now().minusSeconds(1);
        String created = creator.createNotebook(r -> r.workGroup("nb-life").name("empty"))
                .notebookId();
        String imported = creator.importNotebook(r -> r.workGroup("nb-life")
                        .name("analysis")
                        .type(NotebookType.IPYNB)
                        .payload(NOTEBOOK))
                .notebookId();

        ExportNotebookResponse exported = creator.exportNotebook(r -> r.notebookId(imported));
        assertEquals(NOTEBOOK, exported.payload(), "export returns what was stored");
        assertEquals("analysis", exported.notebookMetadata().name());
        assertEquals("nb-life", exported.notebookMetadata().workGroup());
        assertEquals(NotebookType.IPYNB, exported.notebookMetadata().type());
        assertTrue(exported.notebookMetadata().creationTime().isAfter(before));
        assertTrue(creator.exportNotebook(r -> r.notebookId(created)).payload().contains("\"nbformat\":4"));

        assertThrows(
                InvalidRequestException.class,
                () -> creator.createNotebook(r -> r.workGroup("nb-life").name("analysis")),
                "names are unique in a work group");
        assertEquals(List.of("analysis", "empty"), names(creator, "nb-life", null));

        String sessionId = creator.startSession(
                        r -> r.workGroup("nb-life").engineConfiguration(e -> e.maxConcurrentDpus(2)))
                .sessionId();
        String changed = NOTEBOOK.replace("SELECT 1", "SELECT 2");
        creator.updateNotebook(r ->
                r.notebookId(imported).payload(changed).type(NotebookType.IPYNB).sessionId(sessionId));
        assertEquals(
                changed, creator.exportNotebook(r -> r.notebookId(imported)).payload());
        assertEquals(
                List.of(sessionId),
                creator.listNotebookSessions(r -> r.notebookId(imported)).notebookSessionsList().stream()
                        .map(s -> s.sessionId())
                        .toList());

        assertThrows(
                InvalidRequestException.class,
                () -> creator.updateNotebookMetadata(r -> r.notebookId(created).name("analysis")));
        creator.updateNotebookMetadata(r -> r.notebookId(created).name("scratch"));
        assertEquals(
                "scratch",
                creator.getNotebookMetadata(r -> r.notebookId(created))
                        .notebookMetadata()
                        .name());
        assertEquals(List.of("scratch"), names(creator, "nb-life", "SCR"));
        creator.createNotebook(r -> r.workGroup("nb-life").name("empty"));

        parley.restart();
        connect();
        assertEquals(
                changed, creator.exportNotebook(r -> r.notebookId(imported)).payload(), "nothing lost");

        creator.deleteNotebook(r -> r.notebookId(imported));
        assertThrows(InvalidRequestException.class, () -> creator.getNotebookMetadata(r -> r.notebookId(imported)));
        assertEquals(List.of("empty", "scratch"), names(creator, "nb-life", null));
        creator.importNotebook(r ->
                r.workGroup("nb-life").name("analysis").type(NotebookType.IPYNB).payload(NOTEBOOK));
    }

    @Test
    void listingsArePagedAndATokenRetryAnswersTheSameNotebook() {
        sparkWorkGroup("nb-pages");
        String token = UUID.randomUUID().toString();
        String first = creator.createNotebook(
                        r -> r.workGroup("nb-pages").name("n0").clientRequestToken(token))
                .notebookId();
        assertEquals(
                first,
                creator.createNotebook(r -> r.workGroup("nb-pages").name("n0").clientRequestToken(token))
                        .notebookId());
        for (int i = 1; i < 5; i++) {
            String name = "n" + i;
            creator.createNotebook(r -> r.workGroup("nb-pages").name(name));
        }
        List<String> all = new ArrayList<>();
        String next = null;
        do {
            String after = next;
            ListNotebookMetadataResponse page = creator.listNotebookMetadata(
                    r -> r.workGroup("nb-pages").maxResults(2).nextToken(after));
            assertTrue(page.notebookMetadataList().size() <= 2);
            page.notebookMetadataList().forEach(notebook -> all.add(notebook.name()));
            next = page.nextToken();
        } while (next != null);
        Collections.sort(all);
        assertEquals(List.of("n0", "n1", "n2", "n3", "n4"), all);
    }

    @Test
    void onlyNotebooksInNbformat4AreTaken() {
        sparkWorkGroup("nb-bad");
        for (String payload : List.of(
                "not json",
                "[]",
                "{\"cells\":[],\"metadata\":{},\"nbformat\":3,\"nbformat_minor\":0}",
                "{\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}",
                "{\"cells\":[{\"source\":\"x\"}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}")) {
            assertThrows(
                    InvalidRequestException.class,
                    () -> creator.importNotebook(r -> r.workGroup("nb-bad")
                            .name("bad")
                            .type(NotebookType.IPYNB)
                            .payload(payload)),
                    payload);
        }
        assertThrows(
                InvalidRequestException.class,
                () -> creator.importNotebook(
                        r -> r.workGroup("nb-bad").name("bad").type(NotebookType.IPYNB)),
                "a payload or a location is needed");
        assertEquals(List.of(), names(creator, "nb-bad", null), "nothing was made");
        creator.createWorkGroup(r -> r.name("nb-sql-only"));
        assertThrows(
                InvalidRequestException.class,
                () -> creator.createNotebook(r -> r.workGroup("nb-sql-only").name("x")),
                "a work group without Spark has no notebooks");
        assertThrows(InvalidRequestException.class, () -> creator.deleteWorkGroup(r -> r.workGroup("nb-none-such")));
    }

    @Test
    void aNotebookIsImportedFromThisServicesS3AndAWorkGroupWithNotebooksIsDeletedOnlyRecursively() throws IOException {
        sparkWorkGroup("nb-s3");
        Path file =
                Files.createDirectories(dataDir.resolve("s3/notebooks/team")).resolve("a.ipynb");
        Files.writeString(file, NOTEBOOK);
        String id = creator.importNotebook(r -> r.workGroup("nb-s3")
                        .name("from s3")
                        .type(NotebookType.IPYNB)
                        .notebookS3LocationUri("s3://notebooks/team/a.ipynb"))
                .notebookId();
        assertEquals(NOTEBOOK, creator.exportNotebook(r -> r.notebookId(id)).payload());
        assertThrows(
                InvalidRequestException.class,
                () -> creator.importNotebook(r -> r.workGroup("nb-s3")
                        .name("escape")
                        .type(NotebookType.IPYNB)
                        .notebookS3LocationUri("s3://notebooks/../../catalog/x.ipynb")));

        assertThrows(InvalidRequestException.class, () -> creator.deleteWorkGroup(r -> r.workGroup("nb-s3")));
        assertEquals(NOTEBOOK, creator.exportNotebook(r -> r.notebookId(id)).payload(), "a refusal changes nothing");
        creator.deleteWorkGroup(r -> r.workGroup("nb-s3").recursiveDeleteOption(true));
        assertThrows(InvalidRequestException.class, () -> creator.exportNotebook(r -> r.notebookId(id)));
    }

    @Test
    void anotherAccountNeitherSeesNorTouchesANotebook() {
        sparkWorkGroup("nb-private");
        String id = creator.importNotebook(r -> r.workGroup("nb-private")
                        .name("mine")
                        .type(NotebookType.IPYNB)
                        .payload(NOTEBOOK))
                .notebookId();
        assertThrows(InvalidRequestException.class, () -> outsider.exportNotebook(r -> r.notebookId(id)));
        assertThrows(InvalidRequestException.class, () -> outsider.getNotebookMetadata(r -> r.notebookId(id)));
        assertThrows(
                InvalidRequestException.class,
                () -> outsider.updateNotebook(
                        r -> r.notebookId(id).payload(NOTEBOOK).type(NotebookType.IPYNB)));
        assertThrows(
                InvalidRequestException.class,
                () -> outsider.updateNotebookMetadata(r -> r.notebookId(id).name("theirs")));
        assertThrows(InvalidRequestException.class, () -> outsider.deleteNotebook(r -> r.notebookId(id)));
        assertThrows(ResourceNotFoundException.class, () -> outsider.listNotebookSessions(r -> r.notebookId(id)));
        assertThrows(
                InvalidRequestException.class,
                () -> outsider.listNotebookMetadata(r -> r.workGroup("nb-private")),
                "another account's work group is not there");
        assertEquals(
                "mine",
                creator.getNotebookMetadata(r -> r.notebookId(id))
                        .notebookMetadata()
                        .name());
        assertEquals(NOTEBOOK, creator.exportNotebook(r -> r.notebookId(id)).payload());
    }

    @Test
    void aPresignedUrlOpensItsSessionUntilItExpiresAndNotOtherwise() throws Exception {
        sparkWorkGroup("nb-url");
        String sessionId = creator.startSession(
                        r -> r.workGroup("nb-url").engineConfiguration(e -> e.maxConcurrentDpus(2)))
                .sessionId();
        RunningParley.eventually(
                () -> creator.getSessionStatus(r -> r.sessionId(sessionId))
                        .status()
                        .state(),
                state -> state == SessionState.IDLE);
        CreatePresignedNotebookUrlResponse url = creator.createPresignedNotebookUrl(r -> r.sessionId(sessionId));
        assertNotNull(url.notebookUrl());
        assertTrue(url.authTokenExpirationTime() > Instant.now().getEpochSecond());

        HttpResponse<String> opened = get(url.notebookUrl() + "?authToken=" + url.authToken());
        assertEquals(200, opened.statusCode(), opened.body());
        assertTrue(opened.body().contains(sessionId) && opened.body().contains("IDLE"), opened.body());

        String forged = url.authToken().replace(CREATOR.accountId(), OUTSIDER.accountId());
        for (String refused : List.of(
                url.notebookUrl(),
                url.notebookUrl() + "?authToken=" + forged,
                url.notebookUrl() + "?authToken="
                        + url.authToken().substring(0, url.authToken().length() - 2) + "xx",
                url.notebookUrl().replace(sessionId, UUID.randomUUID().toString()) + "?authToken=" + url.authToken())) {
            HttpResponse<String> answer = get(refused);
            assertEquals(403, answer.statusCode(), refused + ": " + answer.body());
        }
        assertThrows(
                ResourceNotFoundException.class,
                () -> outsider.createPresignedNotebookUrl(r -> r.sessionId(sessionId)),
                "another account's session");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
