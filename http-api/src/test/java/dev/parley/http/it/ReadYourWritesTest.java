package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.FilterableMemberStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipStatus;

/**
 * What a script expects of AWS: a List made right after the caller's own acknowledged write includes it, with no
 * waiting on the caller's side. Every step below lists immediately after writing, many times over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesTest {

    private static final int ROUNDS = 15;

    private RunningParley parley;
    private CleanRoomsClient creator;
    private CleanRoomsClient memberB;

    @BeforeAll
    void start() throws Exception {
        parley = new RunningParley(Files.createTempDirectory("parley-ryw"), ConfigFactory.empty());
        creator = parley.cleanRooms(CREATOR);
        memberB = parley.cleanRooms(MEMBER_B);
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void listsIncludeTheCallersOwnWritesAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String id = creator.createCollaboration(CleanRoomsContract.request("ryw " + round, b -> {}))
                    .collaboration()
                    .id();
            assertTrue(
                    creator
                            .listCollaborations(r -> r.memberStatus(FilterableMemberStatus.INVITED))
                            .collaborationList()
                            .stream()
                            .anyMatch(c -> c.id().equals(id)),
                    "created, round " + round);

            creator.updateCollaboration(r -> r.collaborationIdentifier(id).name("renamed " + id));
            assertTrue(
                    creator.listCollaborations(r -> {}).collaborationList().stream()
                            .anyMatch(c -> c.name().equals("renamed " + id)),
                    "renamed, round " + round);

            String membershipId = memberB.createMembership(
                            r -> r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.ENABLED))
                    .membership()
                    .id();
            assertTrue(
                    memberB.listMemberships(r -> r.status(MembershipStatus.ACTIVE)).membershipSummaries().stream()
                            .anyMatch(m -> m.id().equals(membershipId)),
                    "joined, round " + round);
            assertTrue(
                    memberB
                            .listCollaborations(r -> r.memberStatus(FilterableMemberStatus.ACTIVE))
                            .collaborationList()
                            .stream()
                            .anyMatch(c -> c.id().equals(id)),
                    "active, round " + round);
            assertEquals(
                    MemberStatus.ACTIVE,
                    memberB.listMembers(r -> r.collaborationIdentifier(id)).memberSummaries().stream()
                            .filter(m -> m.accountId().equals(MEMBER_B.accountId()))
                            .findFirst()
                            .orElseThrow()
                            .status(),
                    "members, round " + round);

            memberB.deleteMembership(r -> r.membershipIdentifier(membershipId));
            assertTrue(
                    memberB
                            .listCollaborations(r -> r.memberStatus(FilterableMemberStatus.ACTIVE))
                            .collaborationList()
                            .stream()
                            .noneMatch(c -> c.id().equals(id)),
                    "left, round " + round);

            creator.deleteCollaboration(r -> r.collaborationIdentifier(id));
            assertTrue(
                    creator.listCollaborations(r -> {}).collaborationList().stream()
                            .noneMatch(c -> c.id().equals(id)),
                    "deleted, round " + round);
        }
    }
}
