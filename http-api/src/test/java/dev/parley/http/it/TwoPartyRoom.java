package dev.parley.http.it;

import static dev.parley.http.it.ConfiguredTablesContract.table;
import static dev.parley.http.it.ConfiguredTablesContract.writeParquet;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static dev.parley.http.it.TestAccounts.MEMBER_C;
import static dev.parley.http.it.TestAccounts.OUTSIDER;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRuleType;
import software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAssociation;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;

/**
 * A started node with two parties' files in its catalog (the advertiser's orders as Parquet, the publisher's visits
 * as CSV) and their clients, for the contracts that put tables into a collaboration. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoPartyRoom {

    Path dataDir;
    RunningParley parley;
    CleanRoomsClient advertiser;
    CleanRoomsClient publisher;
    CleanRoomsClient observer;
    CleanRoomsClient outsider;

    abstract Config databaseConfig();

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("parley-two-parties");
        Path orders = Files.createDirectories(catalog(CREATOR.accountId(), "sales", "orders"));
        writeParquet(orders.resolve("orders.parquet"), "SELECT 'a@x' AS email, 'oslo' AS city, 2.5 AS amount");
        Path visits = Files.createDirectories(catalog(MEMBER_B.accountId(), "web", "visits"));
        Files.writeString(visits.resolve("visits.csv"), "email,city,amount\na@x,oslo,3\n");
        parley = new RunningParley(dataDir, databaseConfig());
        connect();
    }

    void connect() {
        advertiser = parley.cleanRooms(CREATOR);
        publisher = parley.cleanRooms(MEMBER_B);
        observer = parley.cleanRooms(MEMBER_C);
        outsider = parley.cleanRooms(OUTSIDER);
    }

    @AfterAll
    void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    Path catalog(String account, String database, String table) {
        return dataDir.resolve("catalog").resolve(account).resolve(database).resolve(table);
    }

    /** The advertiser queries and receives results, the publisher receives results, the observer only watches. */
    record Room(String collaborationId, Membership advertiser, Membership publisher, Membership observer) {}

    Room room(String name) {
        String id = advertiser
                .createCollaboration(r -> r.name(name)
                        .description("advertiser x publisher")
                        .creatorDisplayName("Advertiser")
                        .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS)
                        .members(
                                MemberSpecification.builder()
                                        .accountId(MEMBER_B.accountId())
                                        .displayName("Publisher")
                                        .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS)
                                        .build(),
                                MemberSpecification.builder()
                                        .accountId(MEMBER_C.accountId())
                                        .displayName("Observer")
                                        .memberAbilities(List.of())
                                        .build())
                        .queryLogStatus("DISABLED"))
                .collaboration()
                .id();
        return new Room(id, join(advertiser, id), join(publisher, id), join(observer, id));
    }

    static Membership join(CleanRoomsClient client, String collaborationId) {
        return client.createMembership(r ->
                        r.collaborationIdentifier(collaborationId).queryLogStatus(MembershipQueryLogStatus.DISABLED))
                .membership();
    }

    /** A configured table of the caller's over {@code database.table}, with {@code rule}. */
    static String configuredTable(
            CleanRoomsClient client,
            String database,
            String tableName,
            ConfiguredTableAnalysisRuleType type,
            software.amazon.awssdk.services.cleanrooms.model.ConfiguredTableAnalysisRulePolicy rule) {
        String id = client.createConfiguredTable(table(database, tableName, b -> b.tags(Map.of())))
                .configuredTable()
                .id();
        client.createConfiguredTableAnalysisRule(
                r -> r.configuredTableIdentifier(id).analysisRuleType(type).analysisRulePolicy(rule));
        return id;
    }

    static ConfiguredTableAssociation associate(
            CleanRoomsClient client, Membership membership, String tableId, String name) {
        return client.createConfiguredTableAssociation(r -> r.membershipIdentifier(membership.id())
                        .configuredTableIdentifier(tableId)
                        .name(name)
                        .description("the " + name)
                        .roleArn("arn:aws:iam::" + membership.arn().split(":")[4] + ":role/cleanrooms"))
                .configuredTableAssociation();
    }
}
