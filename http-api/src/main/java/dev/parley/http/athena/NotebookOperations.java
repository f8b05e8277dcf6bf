package dev.parley.http.athena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.actors.notebook.Notebook;
import dev.parley.actors.session.Session;
import dev.parley.actors.workgroup.WorkGroup;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.Cursor;
import dev.parley.persistence.NotebookPayloads;
import dev.parley.persistence.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import software.amazon.awssdk.services.athena.model.CreateNotebookRequest;
import software.amazon.awssdk.services.athena.model.CreateNotebookResponse;
import software.amazon.awssdk.services.athena.model.DeleteNotebookRequest;
import software.amazon.awssdk.services.athena.model.DeleteNotebookResponse;
import software.amazon.awssdk.services.athena.model.ExportNotebookRequest;
import software.amazon.awssdk.services.athena.model.ExportNotebookResponse;
import software.amazon.awssdk.services.athena.model.GetNotebookMetadataRequest;
import software.amazon.awssdk.services.athena.model.GetNotebookMetadataResponse;
import software.amazon.awssdk.services.athena.model.ImportNotebookRequest;
import software.amazon.awssdk.services.athena.model.ImportNotebookResponse;
import software.amazon.awssdk.services.athena.model.ListNotebookMetadataRequest;
import software.amazon.awssdk.services.athena.model.ListNotebookMetadataResponse;
import software.amazon.awssdk.services.athena.model.ListNotebookSessionsRequest;
import software.amazon.awssdk.services.athena.model.ListNotebookSessionsResponse;
import software.amazon.awssdk.services.athena.model.NotebookMetadata;
import software.amazon.awssdk.services.athena.model.NotebookSessionSummary;
import software.amazon.awssdk.services.athena.model.UpdateNotebookMetadataRequest;
import software.amazon.awssdk.services.athena.model.UpdateNotebookMetadataResponse;
import software.amazon.awssdk.services.athena.model.UpdateNotebookRequest;
import software.amazon.awssdk.services.athena.model.UpdateNotebookResponse;

/**
 * Notebooks of a Spark-enabled work group. The work group grants names (unique in it) and lists its notebooks; each
 * notebook is its own entity; the ipynb text lives in {@link NotebookPayloads} by version, written before the notebook
 * is told of it. A notebook is made before its name is granted and deleted again when the name is taken, so a crash
 * between the two leaves at most an unlisted notebook, never a name nobody can use.
 */
final class NotebookOperations {

    /** What CreateNotebook starts with: an empty nbformat 4 notebook. */
    static final String EMPTY_NOTEBOOK = "{\"cells\":[],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AthenaEntities entities;
    private final NotebookPayloads payloads;
    private final Answers answers;
    private final Path s3;
    private final Executor blocking;

    NotebookOperations(
            AthenaEntities entities, NotebookPayloads payloads, Answers answers, Path dataDir, Executor blocking) {
        this.entities = entities;
        this.payloads = payloads;
        this.answers = answers;
        this.s3 = dataDir.resolve("s3").toAbsolutePath().normalize();
        this.blocking = blocking;
    }

    void serveOn(ServedOperations operations) {
        operations
                .serve("CreateNotebook", CreateNotebookRequest::builder, this::createNotebook)
                .serve("ImportNotebook", ImportNotebookRequest::builder, this::importNotebook)
                .serve("ExportNotebook", ExportNotebookRequest::builder, this::exportNotebook)
                .serve("GetNotebookMetadata", GetNotebookMetadataRequest::builder, this::getNotebookMetadata)
                .serve("UpdateNotebook", UpdateNotebookRequest::builder, this::updateNotebook)
                .serve("UpdateNotebookMetadata", UpdateNotebookMetadataRequest::builder, this::updateNotebookMetadata)
                .serve("DeleteNotebook", DeleteNotebookRequest::builder, this::deleteNotebook)
                .serve("ListNotebookMetadata", ListNotebookMetadataRequest::builder, this::listNotebookMetadata)
                .serve("ListNotebookSessions", ListNotebookSessionsRequest::builder, this::listNotebookSessions);
    }

    private Route createNotebook(String account, CreateNotebookRequest request) {
        return answers.reply(
                make(account, request.workGroup(), request.name(), request.clientRequestToken(), () -> EMPTY_NOTEBOOK),
                notebook -> CreateNotebookResponse.builder()
                        .notebookId(notebook.notebookId())
                        .build());
    }

    private Route importNotebook(String account, ImportNotebookRequest request) {
        if ((request.payload() == null) == (request.notebookS3LocationUri() == null)) {
            throw AwsError.invalidRequest(
                    "Exactly one of Payload and NotebookS3LocationUri is required", AthenaErrors.INVALID_INPUT);
        }
        Supplier<String> payload =
                request.payload() != null ? request::payload : () -> readFromS3(request.notebookS3LocationUri());
        return answers.reply(
                make(account, request.workGroup(), request.name(), request.clientRequestToken(), payload),
                notebook -> ImportNotebookResponse.builder()
                        .notebookId(notebook.notebookId())
                        .build());
    }

    /** Checks the work group and the text, stores the text, makes the notebook, then has the work group name it. */
    private CompletionStage<Notebook.Active> make(
            String account, String workGroupName, String name, String token, Supplier<String> payload) {
        String notebookId = token == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((account + "\nnotebook\n" + token).getBytes(StandardCharsets.UTF_8))
                        .toString();
        // The first version is named after the notebook, so a retried token writes the same one.
        String version = notebookId;
        return entities.askWorkGroup(account, workGroupName, WorkGroup.Get::new, AthenaErrors::of)
                .thenCompose(workGroup -> {
                    if (!workGroup.configuration().sparkEnabled()) {
                        throw AwsError.invalidRequest(
                                "WorkGroup " + workGroupName
                                        + " is not enabled for Apache Spark, so it has no notebooks",
                                AthenaErrors.INVALID_STATE);
                    }
                    return CompletableFuture.runAsync(
                            () -> payloads.write(notebookId, version, validated(payload.get())), blocking);
                })
                .thenCompose(stored -> entities.askNotebook(
                        notebookId,
                        (ActorRef<StatusReply<Notebook.Active>> replyTo) ->
                                new Notebook.Create(account, workGroupName, name, "IPYNB", version, replyTo),
                        AthenaErrors::of))
                .thenCompose(notebook -> entities.askWorkGroup(
                                account,
                                workGroupName,
                                (ActorRef<StatusReply<Done>> replyTo) ->
                                        new WorkGroup.NameNotebook(notebookId, name, replyTo),
                                AthenaErrors::of)
                        .handle((named, refused) -> {
                            if (refused == null) {
                                return CompletableFuture.completedFuture(notebook);
                            }
                            // The name was taken: the notebook made for it goes again.
                            return delete(account, notebookId).<Notebook.Active>thenApply(deleted -> {
                                throw AthenaEntities.unwrapped(refused);
                            });
                        })
                        .thenCompose(result -> result));
    }

    private Route exportNotebook(String account, ExportNotebookRequest request) {
        CompletionStage<Map.Entry<Notebook.Active, String>> exported = notebook(account, request.notebookId())
                .thenApplyAsync(
                        notebook -> Map.entry(
                                notebook,
                                payloads.read(notebook.notebookId(), notebook.version())
                                        .orElseThrow(() -> AwsError.internal(
                                                "The text of notebook " + notebook.notebookId() + " is missing"))),
                        blocking);
        return answers.reply(
                exported,
                entry -> ExportNotebookResponse.builder()
                        .notebookMetadata(metadata(entry.getKey()))
                        .payload(entry.getValue())
                        .build());
    }

    private Route getNotebookMetadata(String account, GetNotebookMetadataRequest request) {
        return answers.reply(
                notebook(account, request.notebookId()),
                notebook -> GetNotebookMetadataResponse.builder()
                        .notebookMetadata(metadata(notebook))
                        .build());
    }

    private Route updateNotebook(String account, UpdateNotebookRequest request) {
        String notebookId = request.notebookId();
        String version = request.clientRequestToken() == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(
                                (notebookId + "\n" + request.clientRequestToken()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        CompletionStage<Notebook.Active> updated = notebook(account, notebookId)
                .thenCompose(notebook -> request.sessionId() == null
                        ? CompletableFuture.completedFuture(notebook)
                        : entities.askSession(
                                        SessionOperations.knownForm(request.sessionId()),
                                        (ActorRef<StatusReply<Session.Active>> replyTo) ->
                                                new Session.Get(account, replyTo),
                                        AthenaErrors::of)
                                .thenApply(session -> notebook))
                .thenCompose(notebook -> CompletableFuture.runAsync(
                        () -> payloads.write(notebookId, version, validated(request.payload())), blocking))
                .thenCompose(stored -> entities.askNotebook(
                        notebookId,
                        (ActorRef<StatusReply<Notebook.Active>> replyTo) ->
                                new Notebook.Update(account, version, request.sessionId(), replyTo),
                        AthenaErrors::of))
                .thenApplyAsync(
                        notebook -> {
                            payloads.removeAllBut(notebookId, notebook.version());
                            return notebook;
                        },
                        blocking);
        return answers.reply(
                updated, notebook -> UpdateNotebookResponse.builder().build());
    }

    private Route updateNotebookMetadata(String account, UpdateNotebookMetadataRequest request) {
        CompletionStage<Notebook.Active> renamed = notebook(account, request.notebookId())
                .thenCompose(notebook -> entities.askWorkGroup(
                                account,
                                notebook.workGroup(),
                                (ActorRef<StatusReply<Done>> replyTo) ->
                                        new WorkGroup.NameNotebook(notebook.notebookId(), request.name(), replyTo),
                                AthenaErrors::of)
                        .thenCompose(named -> entities.askNotebook(
                                notebook.notebookId(),
                                (ActorRef<StatusReply<Notebook.Active>> replyTo) ->
                                        new Notebook.Rename(account, request.name(), replyTo),
                                AthenaErrors::of)));
        return answers.reply(
                renamed, notebook -> UpdateNotebookMetadataResponse.builder().build());
    }

    private Route deleteNotebook(String account, DeleteNotebookRequest request) {
        return answers.reply(
                delete(account, request.notebookId()),
                deleted -> DeleteNotebookResponse.builder().build());
    }

    /** Deletes the notebook, frees its name in its work group, and removes its text. */
    CompletionStage<Notebook.Active> delete(String account, String notebookId) {
        return entities.askNotebook(
                        notebookId,
                        (ActorRef<StatusReply<Notebook.Active>> replyTo) -> new Notebook.Delete(account, replyTo),
                        AthenaErrors::of)
                .thenCompose(notebook -> entities.askWorkGroup(
                                account,
                                notebook.workGroup(),
                                (ActorRef<StatusReply<Done>> replyTo) ->
                                        new WorkGroup.UnnameNotebook(notebookId, replyTo),
                                AthenaErrors::of)
                        .exceptionally(workGroupGone -> Done.getInstance())
                        .thenApplyAsync(
                                unnamed -> {
                                    payloads.removeAllBut(notebookId, null);
                                    return notebook;
                                },
                                blocking));
    }

    /** Served from the work group, which knows its notebooks, and from each notebook's own word: always current. */
    private Route listNotebookMetadata(String account, ListNotebookMetadataRequest request) {
        String nameFilter = request.filters() == null ? null : request.filters().name();
        Answers.PageRequest page = AthenaErrors.pageRequest(
                answers,
                "ListNotebookMetadata|" + account + "|" + request.workGroup() + "|"
                        + (nameFilter == null ? "" : nameFilter),
                request.maxResults(),
                request.nextToken());
        CompletionStage<Page<Notebook.Active>> listed = entities.askWorkGroup(
                        account, request.workGroup(), WorkGroup.Get::new, AthenaErrors::of)
                .thenCompose(workGroup -> {
                    List<CompletableFuture<Notebook.Active>> notebooks = workGroup.notebooks().entrySet().stream()
                            .filter(named -> nameFilter == null
                                    || named.getKey()
                                            .toLowerCase(Locale.ROOT)
                                            .contains(nameFilter.toLowerCase(Locale.ROOT)))
                            .map(named -> notebook(account, named.getValue()).toCompletableFuture())
                            .toList();
                    return CompletableFuture.allOf(notebooks.toArray(CompletableFuture[]::new))
                            .thenApply(all -> Page.of(
                                    notebooks.stream()
                                            .map(CompletableFuture::join)
                                            .toList(),
                                    page.after(),
                                    page.maxResults(),
                                    notebook ->
                                            new Cursor(notebook.creationTime().toEpochMilli(), notebook.notebookId())));
                });
        return answers.page(
                page,
                listed,
                NotebookOperations::metadata,
                (items, next) -> ListNotebookMetadataResponse.builder()
                        .notebookMetadataList(items)
                        .nextToken(next)
                        .build());
    }

    /** A notebook keeps the last {@link Notebook#SESSIONS_KEPT} sessions it was saved from, newest first. */
    private Route listNotebookSessions(String account, ListNotebookSessionsRequest request) {
        return answers.reply(
                entities.askNotebook(
                        request.notebookId(),
                        (ActorRef<StatusReply<Notebook.Active>> replyTo) -> new Notebook.Get(account, replyTo),
                        rejection -> AthenaErrors.of(rejection, request.notebookId())),
                notebook -> ListNotebookSessionsResponse.builder()
                        .notebookSessionsList(notebook.sessions().stream()
                                .map(session -> NotebookSessionSummary.builder()
                                        .sessionId(session.sessionId())
                                        .creationTime(session.creationTime())
                                        .build())
                                .toList())
                        .build());
    }

    private CompletionStage<Notebook.Active> notebook(String account, String notebookId) {
        return entities.askNotebook(
                notebookId,
                (ActorRef<StatusReply<Notebook.Active>> replyTo) -> new Notebook.Get(account, replyTo),
                AthenaErrors::of);
    }

    static NotebookMetadata metadata(Notebook.Active notebook) {
        return NotebookMetadata.builder()
                .notebookId(notebook.notebookId())
                .name(notebook.name())
                .workGroup(notebook.workGroup())
                .type(notebook.type())
                .creationTime(notebook.creationTime())
                .lastModifiedTime(notebook.lastModifiedTime())
                .build();
    }

    /** The text of an ipynb notebook in nbformat 4, or InvalidRequestException saying what is wrong with it. */
    static String validated(String payload) {
        JsonNode notebook;
        try {
            notebook = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw notANotebook("it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (notebook == null || !notebook.isObject()) {
            throw notANotebook("it is not a JSON object");
        }
        if (!notebook.path("nbformat").isInt() || notebook.get("nbformat").asInt() != 4) {
            throw notANotebook("nbformat must be 4");
        }
        if (!notebook.path("nbformat_minor").isInt()) {
            throw notANotebook("nbformat_minor must be an integer");
        }
        if (!notebook.path("cells").isArray()) {
            throw notANotebook("cells must be a list");
        }
        if (!notebook.path("metadata").isObject()) {
            throw notANotebook("metadata must be an object");
        }
        for (JsonNode cell : notebook.get("cells")) {
            String type = cell.path("cell_type").asText("");
            if (!List.of("code", "markdown", "raw").contains(type)) {
                throw notANotebook("every cell needs a cell_type of code, markdown or raw");
            }
            JsonNode source = cell.get("source");
            if (source == null || !(source.isTextual() || source.isArray())) {
                throw notANotebook("every cell needs a source, a string or a list of strings");
            }
        }
        return payload;
    }

    private static AwsError notANotebook(String why) {
        return AwsError.invalidRequest(
                "The payload is not an ipynb notebook in nbformat 4: " + why, AthenaErrors.INVALID_INPUT);
    }

    /** {@code s3://bucket/key} of this node: {@code <data-dir>/s3/bucket/key}, and nothing outside it. */
    private String readFromS3(String uri) {
        int scheme = uri.indexOf("://");
        Path file = s3.resolve(uri.substring(scheme + 3)).normalize();
        if (!uri.toLowerCase(Locale.ROOT).startsWith("s3://") || !file.startsWith(s3) || file.equals(s3)) {
            throw AwsError.invalidRequest(
                    "NotebookS3LocationUri must be s3://bucket/key of this service", AthenaErrors.INVALID_INPUT);
        }
        try {
            if (Files.size(file) > 10L * 1024 * 1024) {
                throw AwsError.invalidRequest("The notebook at " + uri + " is over 10 MB", AthenaErrors.INVALID_INPUT);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw AwsError.invalidRequest("No notebook can be read at " + uri, AthenaErrors.INVALID_INPUT);
        }
    }
}
