package dev.parley.http.athena;

import dev.parley.actors.Domain;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.PaginationTokens;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.NotebookPayloads;
import dev.parley.persistence.SessionReadModel;
import dev.parley.persistence.WorkGroupReadModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The Athena operations Parley serves, one class per aggregate (every other operation of the model is 501), and the
 * presigned notebook URLs, which their token authenticates instead of SigV4.
 */
public record Athena(ServedOperations operations, Route presignedNotebookUrls) {

    public static Athena serve(
            Domain domain,
            String region,
            WorkGroupReadModel workGroups,
            SessionReadModel sessions,
            NotebookPayloads notebookPayloads,
            byte[] notebookUrlSecret,
            Path dataDir,
            PaginationTokens tokens,
            ReadYourWrites readYourWrites,
            Executor blocking,
            Duration askTimeout) {
        AthenaEntities entities = new AthenaEntities(domain, readYourWrites, blocking, askTimeout);
        Answers answers = new Answers(tokens);
        ServedOperations operations = new ServedOperations();
        NotebookOperations notebooks = new NotebookOperations(entities, notebookPayloads, answers, dataDir, blocking);
        new WorkGroupOperations(entities, workGroups, sessions, notebooks, answers).serveOn(operations);
        new SessionOperations(entities, sessions, answers).serveOn(operations);
        new CalculationOperations(entities, answers).serveOn(operations);
        notebooks.serveOn(operations);
        NotebookUrls notebookUrls = new NotebookUrls(entities, answers, notebookUrlSecret, Clock.systemUTC());
        notebookUrls.serveOn(operations);
        new TagOperations(entities, answers, region).serveOn(operations);
        new EngineOperations(answers).serveOn(operations);
        return new Athena(operations, notebookUrls.route());
    }
}
