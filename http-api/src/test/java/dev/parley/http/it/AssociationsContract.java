package dev.parley.http.it;

import static dev.parley.http.it.ConfiguredTablesContract.aggregation;
import static dev.parley.http.it.ConfiguredTablesContract.list;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static dev.parley.http.it.TestAccounts.MEMBER_C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.Column;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociation;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRule;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRulePolicy;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRulePolicyV1;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociationSummary;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.Schema;
import software.amazon.awssdk.services.cleanrooms.model.SchemaSummary;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * Two parties put tables into a collaboration through the real AWS SDK client: each configures a table over files of
 * their own, associates it through their membership, and each reads the other's schema and rule; the refusals change
 * nothing. Subclasses choose the database.
 */
abstract class AssociationsContract extends TwoPartyRoom {

    static ConfiguredTableAssociationAnalysisRulePolicy listReceivers(String... receivers) {
        return ConfiguredTableAssociationAnalysisRulePolicy.fromV1(
                ConfiguredTableAssociationAnalysisRulePolicyV1.fromList(
                        list -> list.allowedResultReceivers(receivers)));
    }

    @Test
    void bothPartiesReadEachOthersSchemasAndRules() {
        Room room = room("both parties");
        String orders = configuredTable(
                advertiser, "sales", "orders", ConfiguredTableAnalysisRuleType.AGGREGATION, aggregation(a -> {}));
        String visits = configuredTable(
                publisher, "web", "visits", ConfiguredTableAnalysisRuleType.LIST, list("city", "amount"));

        ConfiguredTableAssociation ordersAssociation = associate(advertiser, room.advertiser(), orders, "orders");
        assertEquals(orders, ordersAssociation.configuredTableId());
        assertTrue(ordersAssociation
                .arn()
                .endsWith(":configuredtableassociation/" + room.advertiser().id() + "/" + ordersAssociation.id()));
        associate(publisher, room.publisher(), visits, "visits");

        Schema visitsSchema = advertiser
                .getSchema(
                        r -> r.collaborationIdentifier(room.collaborationId()).name("visits"))
                .schema();
        assertEquals(MEMBER_B.accountId(), visitsSchema.creatorAccountId());
        assertEquals(
                List.of(
                        Column.builder().name("email").type("string").build(),
                        Column.builder().name("city").type("string").build(),
                        Column.builder().name("amount").type("bigint").build()),
                visitsSchema.columns());
        assertEquals(List.of(AnalysisRuleType.LIST), visitsSchema.analysisRuleTypes());
        assertEquals("READY", visitsSchema.schemaStatusDetails().get(0).statusAsString());

        AnalysisRule ordersRule = publisher
                .getSchemaAnalysisRule(r -> r.collaborationIdentifier(room.collaborationId())
                        .name("orders")
                        .type(AnalysisRuleType.AGGREGATION))
                .analysisRule();
        assertEquals(List.of("email"), ordersRule.policy().v1().aggregation().joinColumns());
        assertEquals(room.collaborationId(), ordersRule.collaborationId());

        List<String> names =
                observer
                        .listSchemasPaginator(r -> r.collaborationIdentifier(room.collaborationId()))
                        .schemaSummaries()
                        .stream()
                        .map(SchemaSummary::name)
                        .toList();
        assertEquals(List.of("orders", "visits"), names);
        var batch = publisher.batchGetSchema(
                r -> r.collaborationIdentifier(room.collaborationId()).names("orders", "nothing"));
        assertEquals(1, batch.schemas().size());
        assertEquals("nothing", batch.errors().get(0).name());
        var rules = advertiser.batchGetSchemaAnalysisRule(r -> r.collaborationIdentifier(room.collaborationId())
                .schemaAnalysisRuleRequests(
                        s -> s.name("visits").type(AnalysisRuleType.LIST),
                        s -> s.name("visits").type(AnalysisRuleType.AGGREGATION)));
        assertEquals(1, rules.analysisRules().size());
        assertEquals(1, rules.errors().size());

        assertThrows(
                AccessDeniedException.class,
                () -> outsider.getSchema(
                        r -> r.collaborationIdentifier(room.collaborationId()).name("visits")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> advertiser.getSchemaAnalysisRule(r -> r.collaborationIdentifier(room.collaborationId())
                        .name("visits")
                        .type(AnalysisRuleType.CUSTOM)));
    }

    @Test
    void associationsAndTheirRulesBelongToTheirOwner() {
        Room room = room("owners");
        String orders = configuredTable(
                advertiser, "sales", "orders", ConfiguredTableAnalysisRuleType.AGGREGATION, aggregation(a -> {}));
        ConfiguredTableAssociation association = associate(advertiser, room.advertiser(), orders, "orders");

        assertThrows(
                AccessDeniedException.class,
                () -> associate(publisher, room.publisher(), orders, "borrowed"),
                "only the table's owner associates it");
        assertThrows(
                ConflictException.class,
                () -> associate(advertiser, room.advertiser(), orders, "orders"),
                "a name is taken once per collaboration");
        assertThrows(
                AccessDeniedException.class,
                () -> associate(advertiser, room.publisher(), orders, "elsewhere"),
                "only through the caller's own membership");

        ConfiguredTableAssociationAnalysisRule rule = advertiser
                .createConfiguredTableAssociationAnalysisRule(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .configuredTableAssociationIdentifier(association.id())
                                .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.LIST)
                                .analysisRulePolicy(listReceivers(CREATOR.accountId(), MEMBER_B.accountId())))
                .analysisRule();
        assertEquals(
                List.of(CREATOR.accountId(), MEMBER_B.accountId()),
                rule.policy().v1().list().allowedResultReceivers());
        assertThrows(
                ValidationException.class,
                () -> advertiser.updateConfiguredTableAssociationAnalysisRule(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .configuredTableAssociationIdentifier(association.id())
                                .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.LIST)
                                .analysisRulePolicy(listReceivers(MEMBER_C.accountId()))),
                "the observer cannot receive results");
        assertThrows(
                ValidationException.class,
                () -> advertiser.createConfiguredTableAssociationAnalysisRule(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .configuredTableAssociationIdentifier(association.id())
                                .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.CUSTOM)
                                .analysisRulePolicy(listReceivers(CREATOR.accountId()))),
                "the policy must be of the type named");
        assertThrows(
                AccessDeniedException.class,
                () -> publisher.getConfiguredTableAssociation(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .configuredTableAssociationIdentifier(association.id())));
        assertEquals(
                rule,
                advertiser
                        .getConfiguredTableAssociationAnalysisRule(
                                r -> r.membershipIdentifier(room.advertiser().id())
                                        .configuredTableAssociationIdentifier(association.id())
                                        .analysisRuleType(ConfiguredTableAssociationAnalysisRuleType.LIST))
                        .analysisRule());

        ConfiguredTableAssociation updated = advertiser
                .updateConfiguredTableAssociation(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .configuredTableAssociationIdentifier(association.id())
                                .description("renamed"))
                .configuredTableAssociation();
        assertEquals("renamed", updated.description());
        assertEquals(List.of("LIST"), updated.analysisRuleTypesAsStrings());
        List<ConfiguredTableAssociationSummary> listed = advertiser
                .listConfiguredTableAssociationsPaginator(
                        r -> r.membershipIdentifier(room.advertiser().id()))
                .configuredTableAssociationSummaries()
                .stream()
                .toList();
        assertEquals(
                List.of(association.id()),
                listed.stream().map(ConfiguredTableAssociationSummary::id).toList());
    }

    @Test
    void anAssociatedTableStaysUntilItsAssociationGoesAndALeaverTakesTheirTables() {
        Room room = room("lifecycle");
        String orders = configuredTable(
                advertiser, "sales", "orders", ConfiguredTableAnalysisRuleType.AGGREGATION, aggregation(a -> {}));
        String visits = configuredTable(
                publisher, "web", "visits", ConfiguredTableAnalysisRuleType.LIST, list("city", "amount"));
        ConfiguredTableAssociation association = associate(advertiser, room.advertiser(), orders, "orders");
        associate(publisher, room.publisher(), visits, "visits");

        assertThrows(
                ConflictException.class,
                () -> advertiser.deleteConfiguredTable(r -> r.configuredTableIdentifier(orders)),
                "an associated table cannot be deleted");
        parley.restart();
        connect();
        assertEquals(
                "orders",
                publisher
                        .getSchema(r -> r.collaborationIdentifier(room.collaborationId())
                                .name("orders"))
                        .schema()
                        .name(),
                "nothing is lost over a restart");

        advertiser.deleteConfiguredTableAssociation(r ->
                r.membershipIdentifier(room.advertiser().id()).configuredTableAssociationIdentifier(association.id()));
        assertThrows(
                ResourceNotFoundException.class,
                () -> publisher.getSchema(
                        r -> r.collaborationIdentifier(room.collaborationId()).name("orders")));
        advertiser.deleteConfiguredTable(r -> r.configuredTableIdentifier(orders));
        associate(
                advertiser,
                room.advertiser(),
                configuredTable(advertiser, "sales", "orders", ConfiguredTableAnalysisRuleType.LIST, list("city")),
                "orders");

        publisher.deleteMembership(r -> r.membershipIdentifier(room.publisher().id()));
        assertEquals(
                List.of("orders"),
                advertiser
                        .listSchemasPaginator(r -> r.collaborationIdentifier(room.collaborationId()))
                        .schemaSummaries()
                        .stream()
                        .map(SchemaSummary::name)
                        .toList(),
                "a member who leaves takes their tables out of the collaboration");
    }

    @Test
    void anAssociationOfADeletedCollaborationCanStillBeDeletedAndFreesItsTable() {
        Room room = room("deleted room");
        String visits = configuredTable(
                publisher, "web", "visits", ConfiguredTableAnalysisRuleType.LIST, list("city", "amount"));
        ConfiguredTableAssociation association = associate(publisher, room.publisher(), visits, "visits");
        advertiser.deleteCollaboration(r -> r.collaborationIdentifier(room.collaborationId()));

        publisher.deleteConfiguredTableAssociation(r ->
                r.membershipIdentifier(room.publisher().id()).configuredTableAssociationIdentifier(association.id()));
        assertThrows(
                ResourceNotFoundException.class,
                () -> publisher.getConfiguredTableAssociation(
                        r -> r.membershipIdentifier(room.publisher().id())
                                .configuredTableAssociationIdentifier(association.id())));
        publisher.deleteConfiguredTable(r -> r.configuredTableIdentifier(visits));
    }
}
