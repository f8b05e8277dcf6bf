package dev.parley.actors.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.parley.actors.Domain;
import dev.parley.actors.association.ConfiguredTableAssociation;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.collaboration.AnalyticsEngine;
import dev.parley.actors.collaboration.Collaboration;
import dev.parley.actors.collaboration.MemberSpecification;
import dev.parley.actors.configuredtable.ConfiguredTable;
import dev.parley.actors.membership.Membership;
import dev.parley.actors.membership.MembershipStatus;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.MembershipStanding;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.TableAssociation;
import dev.parley.persistence.Database;
import dev.parley.persistence.DatabaseSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conversations between aggregates on a real journal (H2) and a one-node cluster: what one entity recorded reaches
 * the other through a projection, even when the request that should have carried it never got that far.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CREATOR = "111111111111";
    private static final String B = "222222222222";

    private Database database;
    private ActorTestKit testKit;
    private Domain domain;

    @BeforeAll
    void start() throws Exception {
        java.nio.file.Path dataDir = Files.createTempDirectory("parley-conversations");
        DatabaseSettings settings = DatabaseSettings.h2File(dataDir, Duration.ofSeconds(3));
        database = Database.open(settings);
        testKit = ActorTestKit.create("parley", Domain.configFor(settings).withFallback(ConfigFactory.load()));
        domain = Domain.start(testKit.system(), "us-east-1", database.dataSource(), dataDir, TIMEOUT);
    }

    @AfterAll
    void stop() {
        testKit.shutdownTestKit();
        database.close();
    }

    @Test
    void aJoinWhoseMembershipWasNeverMadeStillMakesItWithTheMembersSettings() {
        String collaborationId = createCollaboration();
        String membershipId = UUID.randomUUID().toString();
        MembershipSettings asked = new MembershipSettings(QueryLogStatus.ENABLED, null, null, Map.of("team", "b"));

        // The collaboration records the join; nobody asks the membership, as if the node died right after.
        JoinedMember joined = domain.collaboration(collaborationId)
                .<JoinedMember>askWithStatus(
                        replyTo -> new Collaboration.Join(B, membershipId, asked, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();

        Membership.Active membership = eventually(() -> domain.membership(membershipId)
                .<Membership.Active>askWithStatus(replyTo -> new Membership.Get(B, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join());
        assertEquals(QueryLogStatus.ENABLED, membership.queryLogStatus());
        assertEquals(Map.of("team", "b"), membership.tags());
        assertEquals(joined.collaborationName(), membership.collaborationName());
    }

    @Test
    void renamesRemovalsLeavesAndDeletionReachTheOtherSide() {
        String collaborationId = createCollaboration();
        String membershipId = UUID.randomUUID().toString();
        domain.collaboration(collaborationId)
                .<JoinedMember>askWithStatus(
                        replyTo -> new Collaboration.Join(
                                B,
                                membershipId,
                                new MembershipSettings(QueryLogStatus.DISABLED, null, null, Map.of()),
                                replyTo),
                        TIMEOUT)
                .toCompletableFuture()
                .join();
        eventually(() -> membership(membershipId));

        domain.collaboration(collaborationId)
                .<Collaboration.View>askWithStatus(
                        replyTo -> new Collaboration.Update(CREATOR, "renamed", null, null, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();
        eventually(() -> expect("renamed", membership(membershipId).collaborationName()));

        domain.membership(membershipId)
                .<Membership.Active>askWithStatus(replyTo -> new Membership.Leave(B, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();
        eventually(() -> expect(MemberStatus.LEFT, memberStatus(collaborationId)));

        domain.collaboration(collaborationId)
                .<Done>askWithStatus(replyTo -> new Collaboration.Delete(CREATOR, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();
        // The member had left: the membership stays REMOVED rather than COLLABORATION_DELETED.
        assertEquals(MembershipStatus.REMOVED, membership(membershipId).status());
    }

    @Test
    void anAssociationWhoseEntitiesWereNeverToldIsStillMadeAndTheTableKnowsIt() {
        String collaborationId = createCollaboration();
        String membershipId = UUID.randomUUID().toString();
        domain.collaboration(collaborationId)
                .<JoinedMember>askWithStatus(
                        replyTo -> new Collaboration.Join(
                                B,
                                membershipId,
                                new MembershipSettings(QueryLogStatus.DISABLED, null, null, Map.of()),
                                replyTo),
                        TIMEOUT)
                .toCompletableFuture()
                .join();
        String tableId = UUID.randomUUID().toString();
        domain.configuredTable(tableId)
                .<ConfiguredTable.Active>askWithStatus(
                        replyTo -> new ConfiguredTable.Create(
                                new ConfiguredTable.NewConfiguredTable(
                                        B,
                                        new ConfiguredTable.Configuration(
                                                "visits",
                                                null,
                                                new ConfiguredTable.TableReference("web", "visits", null),
                                                List.of(new Column("email", "string")),
                                                List.of("email"),
                                                ConfiguredTable.AnalysisMethod.DIRECT_QUERY,
                                                null),
                                        Map.of()),
                                replyTo),
                        TIMEOUT)
                .toCompletableFuture()
                .join();
        String associationId = UUID.randomUUID().toString();
        TableAssociation association = new TableAssociation(
                associationId,
                "arn:aws:cleanrooms:us-east-1:" + B + ":configuredtableassociation/" + membershipId + "/"
                        + associationId,
                "visits",
                null,
                "arn:aws:iam::" + B + ":role/reader",
                B,
                membershipId,
                "arn:aws:cleanrooms:us-east-1:" + B + ":membership/" + membershipId,
                collaborationId,
                "arn:aws:cleanrooms:us-east-1:" + CREATOR + ":collaboration/" + collaborationId,
                tableId,
                "arn:aws:cleanrooms:us-east-1:" + B + ":configuredtable/" + tableId,
                Map.of(),
                Instant.now());

        // The collaboration records the association; nobody tells the table or makes the association entity.
        domain.collaboration(collaborationId)
                .<TableAssociation>askWithStatus(
                        replyTo -> new Collaboration.AssociateTable(B, association, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();

        ConfiguredTableAssociation.Active made = eventually(() -> domain.configuredTableAssociation(associationId)
                .<ConfiguredTableAssociation.Active>askWithStatus(
                        replyTo -> new ConfiguredTableAssociation.Get(B, membershipId, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join());
        assertEquals(association, made.association());
        ConfiguredTable.Active table = eventually(() -> domain.configuredTable(tableId)
                .<ConfiguredTable.Active>askWithStatus(
                        replyTo -> new ConfiguredTable.DescribeAssociated(associationId, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join());
        assertEquals(Set.of(associationId), table.associations());

        // Deleted through the association alone: the collaboration and the table still hear of it.
        domain.configuredTableAssociation(associationId)
                .<ConfiguredTableAssociation.Active>askWithStatus(
                        replyTo -> new ConfiguredTableAssociation.Delete(B, membershipId, replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();
        eventually(() -> expect(
                Set.of(),
                domain.configuredTable(tableId)
                        .<ConfiguredTable.Active>askWithStatus(replyTo -> new ConfiguredTable.Get(B, replyTo), TIMEOUT)
                        .toCompletableFuture()
                        .join()
                        .associations()));
        assertEquals(
                List.of(),
                domain.collaboration(collaborationId)
                        .<Collaboration.Associations>askWithStatus(
                                replyTo -> new Collaboration.ListAssociations(B, replyTo), TIMEOUT)
                        .toCompletableFuture()
                        .join()
                        .associations());
    }

    private String createCollaboration() {
        String id = UUID.randomUUID().toString();
        domain.collaboration(id)
                .<Collaboration.View>askWithStatus(
                        replyTo -> new Collaboration.Create(
                                new Collaboration.NewCollaboration(
                                        CREATOR,
                                        "overlap",
                                        null,
                                        List.of(MemberAbility.CAN_QUERY),
                                        "Advertiser",
                                        null,
                                        List.of(new MemberSpecification(B, "Publisher", List.of(), null)),
                                        null,
                                        QueryLogStatus.DISABLED,
                                        AnalyticsEngine.CLEAN_ROOMS_SQL,
                                        Map.of()),
                                replyTo),
                        TIMEOUT)
                .toCompletableFuture()
                .join();
        return id;
    }

    private Membership.Active membership(String membershipId) {
        return domain.membership(membershipId)
                .<Membership.Active>askWithStatus(
                        (ActorRef<StatusReply<Membership.Active>> replyTo) -> new Membership.Describe(replyTo), TIMEOUT)
                .toCompletableFuture()
                .join();
    }

    private MemberStatus memberStatus(String collaborationId) {
        return domain.collaboration(collaborationId)
                .<MembershipStanding.All>askWithStatus(Collaboration.DescribeMembershipStandings::new, TIMEOUT)
                .toCompletableFuture()
                .join()
                .standings()
                .get(0)
                .memberStatus();
    }

    private static <T> T expect(T expected, T actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("not yet: " + actual);
        }
        return actual;
    }

    /** Retries {@code attempt} until it succeeds, for at most 15 s. */
    private static <T> T eventually(Supplier<T> attempt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not reached within 15 s", notYet);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
