package dev.parley.actors.collaboration;

import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.QueryComputePayment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeds' rules on members and on who pays for query compute: at most one member is configured
 * to pay; when none is, the member who can query is the default payer and may not be set to FALSE;
 * a joining member accepts exactly the responsibility the creator gave them.
 */
public final class PayerRules {

    /**
     * The service model sets no bound on a collaboration's members; this one keeps a collaboration's events and
     * replies a sensible size (AWS's own quota is far lower).
     */
    public static final int MAX_MEMBERS = 100;

    private PayerRules() {}

    /** The members of a new collaboration, creator first, each with their effective payer flag. */
    static List<Collaboration.Member> membersOf(Collaboration.NewCollaboration request, Instant now) {
        List<MemberSpecification> specified = new ArrayList<>();
        specified.add(new MemberSpecification(
                request.creatorAccountId(),
                request.creatorDisplayName(),
                request.creatorMemberAbilities(),
                request.creatorPaysForQueryCompute()));
        specified.addAll(request.members());
        if (request.members().size() > MAX_MEMBERS) {
            throw new Rejection.Invalid("A collaboration can have at most " + MAX_MEMBERS + " members besides its "
                    + "creator; got " + request.members().size());
        }

        Set<String> seen = new HashSet<>();
        for (MemberSpecification member : specified) {
            if (!seen.add(member.accountId())) {
                throw new Rejection.Invalid(
                        member.accountId().equals(request.creatorAccountId())
                                ? "members must not include the creator's own account " + member.accountId()
                                : "Account " + member.accountId() + " appears more than once in members");
            }
        }
        List<MemberSpecification> queriers = specified.stream()
                .filter(member -> member.abilities().contains(MemberAbility.CAN_QUERY))
                .toList();
        if (queriers.size() > 1) {
            throw new Rejection.Invalid("Only one member can have the CAN_QUERY ability; found "
                    + queriers.stream().map(MemberSpecification::accountId).toList());
        }
        List<MemberSpecification> payers = specified.stream()
                .filter(member -> Boolean.TRUE.equals(member.paysForQueryCompute()))
                .toList();
        if (payers.size() > 1) {
            throw new Rejection.Invalid("Exactly one member can be configured to pay for query compute costs; found "
                    + payers.stream().map(MemberSpecification::accountId).toList());
        }
        String payer;
        if (!payers.isEmpty()) {
            payer = payers.get(0).accountId();
        } else if (!queriers.isEmpty()) {
            MemberSpecification querier = queriers.get(0);
            if (Boolean.FALSE.equals(querier.paysForQueryCompute())) {
                throw new Rejection.Invalid("Account " + querier.accountId() + " can query and is the default payer"
                        + " for query compute costs: it cannot be set to FALSE unless another member is configured"
                        + " to pay");
            }
            payer = querier.accountId();
        } else {
            payer = null;
        }
        return specified.stream()
                .map(member -> new Collaboration.Member(
                        member.accountId(),
                        member.displayName(),
                        member.abilities(),
                        member.accountId().equals(payer),
                        MemberStatus.INVITED,
                        null,
                        null,
                        now,
                        now))
                .toList();
    }

    /**
     * A joining member's answer on paying: FALSE when responsible, or TRUE when not, is an error; and
     * a member who pays without being able to query must say so explicitly.
     */
    static void checkAcceptance(Collaboration.Member member, Boolean accepted) {
        if (accepted == null) {
            if (member.paysForQueryCompute() && !member.abilities().contains(MemberAbility.CAN_QUERY)) {
                throw new Rejection.Invalid("paymentConfiguration is required: the collaboration creator configured"
                        + " account " + member.accountId() + " to pay for query compute costs");
            }
            return;
        }
        if (accepted != member.paysForQueryCompute()) {
            throw QueryComputePayment.mismatch(member.paysForQueryCompute());
        }
    }
}
