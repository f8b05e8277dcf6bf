package dev.parley.http.cleanrooms;

import dev.parley.actors.Domain;
import dev.parley.actors.catalog.DataCatalog;
import dev.parley.actors.readside.ReadYourWrites;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.PaginationTokens;
import dev.parley.http.wire.ServedOperations;
import dev.parley.persistence.AnalysisTemplateReadModel;
import dev.parley.persistence.CollaborationReadModel;
import dev.parley.persistence.ConfiguredTableReadModel;
import dev.parley.persistence.MembershipReadModel;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The Clean Rooms operations Parley serves, one class per aggregate; every other operation of the model is 501. */
public final class CleanRooms {

    private CleanRooms() {}

    public static ServedOperations operations(
            Domain domain,
            CollaborationReadModel collaborations,
            MembershipReadModel memberships,
            ConfiguredTableReadModel configuredTables,
            AnalysisTemplateReadModel analysisTemplates,
            DataCatalog catalog,
            PaginationTokens tokens,
            ReadYourWrites readYourWrites,
            Executor blocking,
            Duration askTimeout,
            String region) {
        Resources resources = new Resources(domain, readYourWrites, blocking, askTimeout);
        Answers answers = new Answers(tokens);
        ServedOperations operations = new ServedOperations();
        new CollaborationOperations(resources, collaborations, answers).serveOn(operations);
        new MembershipOperations(resources, memberships, answers).serveOn(operations);
        new ConfiguredTableOperations(resources, configuredTables, catalog, blocking, answers).serveOn(operations);
        new AssociationOperations(resources, answers, region).serveOn(operations);
        new SchemaOperations(resources, answers).serveOn(operations);
        new AnalysisTemplateOperations(resources, analysisTemplates, blocking, answers, region).serveOn(operations);
        new TagOperations(resources, answers).serveOn(operations);
        return operations;
    }
}
