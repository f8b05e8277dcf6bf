package dev.parley.http.it;

import static dev.parley.http.it.ConfiguredTablesContract.aggregation;
import static dev.parley.http.it.ConfiguredTablesContract.list;
import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisFormat;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisParameter;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.BatchGetCollaborationAnalysisTemplateResponse;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplate;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationAnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.CreateAnalysisTemplateRequest;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.ParameterType;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * The member who can query writes analysis templates over two parties' associated tables through the real AWS SDK
 * client; the other members read them through the collaboration, outsiders and members who cannot query are refused,
 * and every validation error changes nothing. Subclasses choose the database.
 */
abstract class AnalysisTemplatesContract extends TwoPartyRoom {

    static final String SPEND_BY_CITY = """
            SELECT o.city, SUM(o.amount) AS spend, COUNT(DISTINCT v.email) AS visitors
            FROM orders o JOIN visits v ON o.email = v.email
            WHERE o.amount >= :min_amount AND v.city = :city -- :not_a_parameter
            GROUP BY o.city""";

    /** A collaboration where the advertiser's orders and the publisher's visits are associated. */
    Room associatedRoom(String name) {
        Room room = room(name);
        String orders = configuredTable(
                advertiser, "sales", "orders", ConfiguredTableAnalysisRuleType.AGGREGATION, aggregation(a -> {}));
        String visits = configuredTable(
                publisher, "web", "visits", ConfiguredTableAnalysisRuleType.LIST, list("city", "amount"));
        associate(advertiser, room.advertiser(), orders, "orders");
        associate(publisher, room.publisher(), visits, "visits");
        return room;
    }

    static CreateAnalysisTemplateRequest template(
            Membership membership, Consumer<CreateAnalysisTemplateRequest.Builder> changes) {
        CreateAnalysisTemplateRequest.Builder builder = CreateAnalysisTemplateRequest.builder()
                .membershipIdentifier(membership.id())
                .name("spend by city")
                .description("spend of visitors by city")
                .format(AnalysisFormat.SQL)
                .source(s -> s.text(SPEND_BY_CITY))
                .analysisParameters(
                        AnalysisParameter.builder()
                                .name("min_amount")
                                .type(ParameterType.DOUBLE_PRECISION)
                                .defaultValue("1.5")
                                .build(),
                        AnalysisParameter.builder()
                                .name("city")
                                .type(ParameterType.STRING)
                                .build())
                .tags(Map.of("team", "growth"));
        changes.accept(builder);
        return builder.build();
    }

    AnalysisTemplate create(Room room) {
        return advertiser
                .createAnalysisTemplate(template(room.advertiser(), b -> {}))
                .analysisTemplate();
    }

    List<String> listed(Room room) {
        return advertiser
                .listAnalysisTemplatesPaginator(
                        r -> r.membershipIdentifier(room.advertiser().id()))
                .analysisTemplateSummaries()
                .stream()
                .map(AnalysisTemplateSummary::id)
                .toList();
    }

    List<String> listedInCollaboration(CleanRoomsClient client, Room room) {
        return client
                .listCollaborationAnalysisTemplatesPaginator(r -> r.collaborationIdentifier(room.collaborationId()))
                .collaborationAnalysisTemplateSummaries()
                .stream()
                .map(CollaborationAnalysisTemplateSummary::id)
                .toList();
    }

    @Test
    void theMemberWhoCanQueryWritesATemplateThatEveryMemberReads() {
        Room room = associatedRoom("templates");
        AnalysisTemplate created = create(room);
        assertEquals(List.of("orders", "visits"), created.schema().referencedTables());
        assertEquals(AnalysisFormat.SQL, created.format());
        assertEquals(SPEND_BY_CITY, created.source().text());
        assertEquals("1.5", created.analysisParameters().get(0).defaultValue());
        assertEquals(ParameterType.STRING, created.analysisParameters().get(1).type());
        assertEquals(room.collaborationId(), created.collaborationId());
        assertEquals(room.advertiser().arn(), created.membershipArn());
        assertEquals(
                "arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":membership/"
                        + room.advertiser().id() + "/analysistemplate/" + created.id(),
                created.arn());
        assertTrue(created.validations().isEmpty(), "no differential privacy, so nothing to report");
        assertEquals(List.of(created.id()), listed(room), "the writer lists what they wrote at once");
        assertEquals(
                created,
                advertiser
                        .getAnalysisTemplate(r ->
                                r.membershipIdentifier(room.advertiser().id()).analysisTemplateIdentifier(created.id()))
                        .analysisTemplate());

        CollaborationAnalysisTemplate seen = publisher
                .getCollaborationAnalysisTemplate(
                        r -> r.collaborationIdentifier(room.collaborationId()).analysisTemplateArn(created.arn()))
                .collaborationAnalysisTemplate();
        assertEquals(created.id(), seen.id());
        assertEquals(CREATOR.accountId(), seen.creatorAccountId());
        assertEquals(List.of("orders", "visits"), seen.schema().referencedTables());
        assertEquals(created.analysisParameters(), seen.analysisParameters());
        assertEquals(SPEND_BY_CITY, seen.source().text());
        assertEquals(
                List.of(created.id()), eventually(() -> listedInCollaboration(observer, room), ids -> !ids.isEmpty()));

        String missing = created.arn().replace(created.id(), "00000000-0000-4000-8000-000000000000");
        BatchGetCollaborationAnalysisTemplateResponse batch = observer.batchGetCollaborationAnalysisTemplate(
                r -> r.collaborationIdentifier(room.collaborationId()).analysisTemplateArns(created.arn(), missing));
        assertEquals(
                List.of(created.id()),
                batch.collaborationAnalysisTemplates().stream()
                        .map(CollaborationAnalysisTemplate::id)
                        .toList());
        assertEquals(1, batch.errors().size());
        assertEquals(missing, batch.errors().get(0).arn());
        assertEquals("ResourceNotFoundException", batch.errors().get(0).code());

        AnalysisTemplate updated = advertiser
                .updateAnalysisTemplate(
                        r -> r.membershipIdentifier(room.advertiser().id())
                                .analysisTemplateIdentifier(created.id())
                                .description("spend by city, revised"))
                .analysisTemplate();
        assertEquals("spend by city, revised", updated.description());
        assertEquals(created.source(), updated.source(), "an update changes the description only");

        assertThrows(
                ResourceNotFoundException.class,
                () -> publisher.getAnalysisTemplate(
                        r -> r.membershipIdentifier(room.publisher().id()).analysisTemplateIdentifier(created.id())),
                "a template is found only through the membership it was made in");
        assertThrows(
                AccessDeniedException.class,
                () -> publisher.deleteAnalysisTemplate(
                        r -> r.membershipIdentifier(room.advertiser().id()).analysisTemplateIdentifier(created.id())),
                "only its creator deletes it");

        advertiser.deleteAnalysisTemplate(
                r -> r.membershipIdentifier(room.advertiser().id()).analysisTemplateIdentifier(created.id()));
        assertEquals(List.of(), listed(room));
        assertThrows(
                ResourceNotFoundException.class,
                () -> publisher.getCollaborationAnalysisTemplate(
                        r -> r.collaborationIdentifier(room.collaborationId()).analysisTemplateArn(created.arn())));
    }

    @Test
    void everyValidationErrorIsRefusedAndChangesNothing() {
        Room room = associatedRoom("validation");
        Map<String, Consumer<CreateAnalysisTemplateRequest.Builder>> invalid = Map.of(
                "an unknown table",
                b -> b.source(s -> s.text(SPEND_BY_CITY.replace("JOIN visits", "JOIN clicks"))),
                "an unused parameter",
                b -> b.source(s -> s.text(SPEND_BY_CITY.replace("AND v.city = :city", ""))),
                "an undeclared parameter",
                b -> b.source(s -> s.text(SPEND_BY_CITY.replace(":city", ":town"))),
                "a default that is not of its type",
                b -> b.analysisParameters(
                        AnalysisParameter.builder()
                                .name("min_amount")
                                .type(ParameterType.INTEGER)
                                .defaultValue("a lot")
                                .build(),
                        AnalysisParameter.builder()
                                .name("city")
                                .type(ParameterType.STRING)
                                .build()),
                "a PySpark template",
                b -> b.format(AnalysisFormat.PYSPARK_1_0),
                "two statements",
                b -> b.source(s -> s.text(SPEND_BY_CITY + "; SELECT 1")));
        invalid.forEach((problem, change) -> assertThrows(
                ValidationException.class,
                () -> advertiser.createAnalysisTemplate(template(room.advertiser(), change)),
                problem));
        assertEquals(List.of(), listed(room), "nothing was created");
    }

    @Test
    void onlyAMemberWhoCanQueryCreatesAndOnlyMembersRead() {
        Room room = associatedRoom("permissions");
        assertThrows(
                AccessDeniedException.class,
                () -> publisher.createAnalysisTemplate(template(room.publisher(), b -> {})),
                "the publisher cannot query");
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.createAnalysisTemplate(template(room.advertiser(), b -> {})),
                "an outsider cannot use another account's membership");
        AnalysisTemplate created = create(room);
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.getCollaborationAnalysisTemplate(
                        r -> r.collaborationIdentifier(room.collaborationId()).analysisTemplateArn(created.arn())));
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.listCollaborationAnalysisTemplates(
                        r -> r.collaborationIdentifier(room.collaborationId())));
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.batchGetCollaborationAnalysisTemplate(
                        r -> r.collaborationIdentifier(room.collaborationId()).analysisTemplateArns(created.arn())));
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.listAnalysisTemplates(
                        r -> r.membershipIdentifier(room.advertiser().id())));
        assertEquals(List.of(created.id()), listed(room), "only the permitted template exists");
    }

    @Test
    void aRestartLosesNothing() {
        Room room = associatedRoom("restart");
        AnalysisTemplate created = create(room);
        parley.restart();
        connect();
        assertEquals(
                created.id(),
                publisher
                        .getCollaborationAnalysisTemplate(r -> r.collaborationIdentifier(room.collaborationId())
                                .analysisTemplateArn(created.arn()))
                        .collaborationAnalysisTemplate()
                        .id());
        assertEquals(List.of(created.id()), eventually(() -> listed(room), ids -> !ids.isEmpty()));
        assertEquals(
                List.of(created.id()), eventually(() -> listedInCollaboration(publisher, room), ids -> !ids.isEmpty()));
    }
}
