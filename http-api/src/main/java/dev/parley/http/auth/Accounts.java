package dev.parley.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The accounts allowed to call Parley, looked up by access key id. Immutable.
 *
 * <p>Loaded from a JSON array: {@code [{"accountId": "111111111111", "accessKeyId": "...", "secretAccessKey": "..."}]}.
 */
public final class Accounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final Map<String, Account> byAccessKeyId;

    private Accounts(Map<String, Account> byAccessKeyId) {
        this.byAccessKeyId = Map.copyOf(byAccessKeyId);
    }

    /** @throws IllegalArgumentException naming the file and the offending entry when the content is invalid */
    public static Accounts load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the offending entry when the content is invalid */
    public static Accounts fromJson(InputStream json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of accounts");
        }
        Account[] accounts = new Account[root.size()];
        for (int i = 0; i < root.size(); i++) {
            accounts[i] = account(root.get(i), i);
        }
        return of(List.of(accounts));
    }

    /** @throws IllegalArgumentException when an account id is not 12 digits or an access key id is used twice */
    public static Accounts of(List<Account> accounts) {
        Map<String, Account> byAccessKeyId = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            Account account = accounts.get(i);
            if (!ACCOUNT_ID.matcher(account.accountId()).matches()) {
                throw new IllegalArgumentException(
                        "accounts[" + i + "]: accountId must be 12 digits, got '" + account.accountId() + "'");
            }
            if (account.accessKeyId().isBlank() || account.secretAccessKey().isBlank()) {
                throw new IllegalArgumentException(
                        "accounts[" + i + "]: accessKeyId and secretAccessKey must not be blank");
            }
            if (byAccessKeyId.putIfAbsent(account.accessKeyId(), account) != null) {
                throw new IllegalArgumentException(
                        "accounts[" + i + "]: duplicate accessKeyId '" + account.accessKeyId() + "'");
            }
        }
        return new Accounts(byAccessKeyId);
    }

    public Optional<Account> byAccessKeyId(String accessKeyId) {
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    private static Account account(JsonNode entry, int index) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("accounts[" + index + "]: expected an object");
        }
        return new Account(
                field(entry, "accountId", index),
                field(entry, "accessKeyId", index),
                field(entry, "secretAccessKey", index));
    }

    private static String field(JsonNode entry, String name, int index) {
        JsonNode value = entry.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(
                    "accounts[" + index + "]: required string field '" + name + "' is missing");
        }
        return value.textValue();
    }
}
