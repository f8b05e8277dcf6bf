package dev.parley.http.cleanrooms;

import dev.parley.actors.Domain;
import dev.parley.actors.analysistemplate.AnalysisTemplate;
import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.readside.ReadYourWrites;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The entities a Clean Rooms request addresses, and the read side's promise to show a caller their own writes. */
final class Resources {

    private final Domain domain;
    private final ReadYourWrites readYourWrites;
    private final Executor blocking;
    private final Duration askTimeout;

    Resources(Domain domain, ReadYourWrites readYourWrites, Executor blocking, Duration askTimeout) {
        this.domain = domain;
        this.readYourWrites = readYourWrites;
        this.blocking = blocking;
        this.askTimeout = askTimeout;
    }

    Resource<Collaboration.Command> collaboration(String id) {
        return new Resource<>(
                domain.collaboration(id),
                "COLLABORATION",
                id,
                readYourWrites::wroteCollaboration,
                askTimeout,
                blocking);
    }

    Resource<Membership.Command> membership(String id) {
        return new Resource<>(
                domain.membership(id), "MEMBERSHIP", id, readYourWrites::wroteMembership, askTimeout, blocking);
    }

    Resource<ConfiguredTable.Command> configuredTable(String id) {
        return new Resource<>(
                domain.configuredTable(id),
                "CONFIGURED_TABLE",
                id,
                readYourWrites::wroteConfiguredTable,
                askTimeout,
                blocking);
    }

    /** Associations are listed from their collaboration, so nothing is recorded for read-your-writes. */
    Resource<ConfiguredTableAssociation.Command> configuredTableAssociation(String id) {
        return new Resource<>(
                domain.configuredTableAssociation(id),
                "CONFIGURED_TABLE_ASSOCIATION",
                id,
                (account, written) -> {},
                askTimeout,
                blocking);
    }

    /** The model's ResourceType has no member for templates, so their refusals name them as AWS's messages do. */
    Resource<AnalysisTemplate.Command> analysisTemplate(String id) {
        return new Resource<>(
                domain.analysisTemplate(id),
                "ANALYSIS_TEMPLATE",
                id,
                readYourWrites::wroteAnalysisTemplate,
                askTimeout,
                blocking);
    }

    /**
     * The taggable resource an ARN's resource type and id name, asked tagging commands (each taggable entity carries
     * them in its own {@code Tagging} command); empty for a type that is not taggable.
     */
    Optional<Resource<Taggable.Command>> taggable(String arnResourceType, String id) {
        return switch (arnResourceType) {
            case "collaboration" -> Optional.of(collaboration(id).carrying(Collaboration.Tagging::new));
            case "membership" -> Optional.of(membership(id).carrying(Membership.Tagging::new));
            case "configuredtable" -> Optional.of(configuredTable(id).carrying(ConfiguredTable.Tagging::new));
            default -> Optional.empty();
        };
    }

    /** A read-model listing for {@code account}, once the read side holds that account's acknowledged writes. */
    <T> CompletionStage<T> afterWritesOf(String account, Supplier<T> listing) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        readYourWrites.awaitWritesOf(account);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                    return listing.get();
                },
                blocking);
    }
}
