package dev.parley.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountsTest {

    @Test
    void loadsAccountsFileAndLooksUpByAccessKeyId(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.json"), """
            [
              {"accountId": "111111111111", "accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret"},
              {"accountId": "222222222222", "accessKeyId": "AKIABOB", "secretAccessKey": "bob-secret"}
            ]
            """);

        Accounts accounts = Accounts.load(file);

        assertEquals(
                Optional.of(new Account("222222222222", "AKIABOB", "bob-secret")), accounts.byAccessKeyId("AKIABOB"));
        assertEquals(
                "111111111111",
                accounts.byAccessKeyId("AKIAALICE").orElseThrow().accountId());
        assertEquals(Optional.empty(), accounts.byAccessKeyId("akiaalice"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        {}                                                                                  | expected a JSON array of accounts
        [42]                                                                                | accounts[0]: expected an object
        [{"accessKeyId": "A", "secretAccessKey": "s"}]                                      | accounts[0]: required string field 'accountId' is missing
        [{"accountId": "111111111111", "secretAccessKey": "s"}]                             | accounts[0]: required string field 'accessKeyId' is missing
        [{"accountId": "111111111111", "accessKeyId": "A"}]                                 | accounts[0]: required string field 'secretAccessKey' is missing
        [{"accountId": 111111111111, "accessKeyId": "A", "secretAccessKey": "s"}]           | accounts[0]: required string field 'accountId' is missing
        [{"accountId": "11111111111", "accessKeyId": "A", "secretAccessKey": "s"}]          | accounts[0]: accountId must be 12 digits, got '11111111111'
        [{"accountId": "11111111111x", "accessKeyId": "A", "secretAccessKey": "s"}]         | accounts[0]: accountId must be 12 digits, got '11111111111x'
        [{"accountId": "111111111111", "accessKeyId": " ", "secretAccessKey": "s"}]         | accounts[0]: accessKeyId and secretAccessKey must not be blank
        [{"accountId": "111111111111", "accessKeyId": "A", "secretAccessKey": "s"}, {"accountId": "222222222222", "accessKeyId": "A", "secretAccessKey": "t"}] | accounts[1]: duplicate accessKeyId 'A'
        """)
    void rejectsInvalidAccountsWithClearMessage(String json, String message) {
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class,
                () -> Accounts.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));

        assertEquals(message, failure.getMessage());
    }

    @Test
    void namesTheFileWhenItIsInvalid(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.json"), "[{\"accountId\": \"1\"}]");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Accounts.load(file));

        assertTrue(failure.getMessage().startsWith("Accounts file " + file + ": accounts[0]:"), failure.getMessage());
    }

    @Test
    void neverPrintsTheSecret() {
        String printed = new Account("111111111111", "AKIAALICE", "alice-secret").toString();

        assertFalse(printed.contains("alice-secret"), printed);
        assertTrue(printed.contains("AKIAALICE"), printed);
    }
}
