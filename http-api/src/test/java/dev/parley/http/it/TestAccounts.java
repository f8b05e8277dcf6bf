package dev.parley.http.it;

import dev.parley.http.auth.Account;
import dev.parley.http.auth.Accounts;
import java.util.List;

/** The accounts the integration tests sign as: a creator, two invited members and an outsider. */
final class TestAccounts {

    static final Account CREATOR = new Account("111111111111", "AKIATESTCREATOR00001", "creator-secret");
    static final Account MEMBER_B = new Account("222222222222", "AKIATESTMEMBERB00002", "member-b-secret");
    static final Account MEMBER_C = new Account("333333333333", "AKIATESTMEMBERC00003", "member-c-secret");
    static final Account OUTSIDER = new Account("444444444444", "AKIATESTOUTSIDER0004", "outsider-secret");

    static List<Account> list() {
        return List.of(CREATOR, MEMBER_B, MEMBER_C, OUTSIDER);
    }

    static Accounts all() {
        return Accounts.of(list());
    }

    private TestAccounts() {}
}
