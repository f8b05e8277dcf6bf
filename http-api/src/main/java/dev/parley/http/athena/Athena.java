package dev.parley.http.athena;

import dev.parley.actors.Domain;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.PaginationTokens;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.SessionReadModel;
import dev.parley.persistence.WorkGroupReadModel;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The Athena operations Parley serves, one class per aggregate; every other operation of the model is 501. */
public final class Athena {

    private Athena() {}

    public static ServedOperations operations(
            Domain domain,
            String region,
            WorkGroupReadModel workGroups,
            SessionReadModel sessions,
            PaginationTokens tokens,
            ReadYourWrites readYourWrites,
            Executor blocking,
            Duration askTimeout) {
        AthenaEntities entities = new AthenaEntities(domain, readYourWrites, blocking, askTimeout);
        Answers answers = new Answers(tokens);
        ServedOperations operations = new ServedOperations();
        new WorkGroupOperations(entities, workGroups, sessions, answers).serveOn(operations);
        new SessionOperations(entities, sessions, answers).serveOn(operations);
        new CalculationOperations(entities, answers).serveOn(operations);
        new TagOperations(entities, answers, region).serveOn(operations);
        new EngineOperations(answers).serveOn(operations);
        return operations;
    }
}
