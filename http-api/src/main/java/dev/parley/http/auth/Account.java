package dev.parley.http.auth;

import static java.util.Objects.requireNonNull;

/** One party's long-term credentials: the access key id a client signs with and the account it acts as. */
public record Account(String accountId, String accessKeyId, String secretAccessKey) {

    public Account {
        requireNonNull(accountId, "accountId");
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Leaves the secret out, so that logging an account never leaks it. */
    @Override
    public String toString() {
        return "Account[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
