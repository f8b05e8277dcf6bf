package dev.parley.http.auth;

import static dev.parley.http.auth.Client.ALICE;
import static dev.parley.http.auth.Client.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Whatever a request that fails authentication names in its credential scope must not stay in memory. Before the scope
 * was checked, each distinct region of a request signed as boto3 signs (no x-amz-content-sha256) reached the SDK's
 * region cache, even with a wrong secret: 20,000 refused requests grew the live heap by about 250 MB.
 */
class ScopeMemoryTest {

    private static final int REQUESTS = 20_000;
    private static final long BOUND_BYTES = 32L << 20;
    private static final Account FORGER = new Account(ALICE.accountId(), ALICE.accessKeyId(), "not-alices-secret");

    @Test
    void distinctScopesOfRefusedRequestsDoNotGrowTheHeap() {
        SigV4Verifier verifier = new SigV4Verifier(Client.ACCOUNTS, Client.SERVED, Clock.fixed(NOW, ZoneOffset.UTC));
        // Warm up every class on the path first, so that only what the requests leave behind is measured.
        sendDistinctScopes(verifier, 0, 500);
        long before = liveHeap();

        sendDistinctScopes(verifier, 500, REQUESTS);

        long grown = liveHeap() - before;
        assertTrue(
                grown < BOUND_BYTES,
                "live heap grew by " + (grown >> 20) + " MiB over " + REQUESTS + " refused requests; bound "
                        + (BOUND_BYTES >> 20) + " MiB");
    }

    private static void sendDistinctScopes(SigV4Verifier verifier, int from, int to) {
        for (int i = from; i < to; i++) {
            // A long, never repeated region per request: each one would be cached if anything kept it. The caller
            // knows an access key id but not its secret.
            String region = "xx-" + "region".repeat(700) + "-" + i;
            SignedRequest signed = Client.sign(
                    Client.request(SdkHttpMethod.GET, "/collaborations", null).build(),
                    FORGER,
                    "cleanrooms",
                    region,
                    NOW);
            // Signed the way boto3 signs, without the content hash header.
            signed = Client.withHeader(signed, "x-amz-content-sha256", null);
            signed = Client.withHeader(
                    signed,
                    "Authorization",
                    signed.firstHeader("Authorization")
                            .orElseThrow()
                            .replace(
                                    "SignedHeaders=host;x-amz-content-sha256;x-amz-date",
                                    "SignedHeaders=host;x-amz-date"));
            SignedRequest forged = signed;
            assertTrue(forged.firstHeader("Authorization").orElseThrow().contains("SignedHeaders=host;x-amz-date,"));
            AuthenticationFailure failure = assertThrows(AuthenticationFailure.class, () -> verifier.verify(forged));
            assertEquals("InvalidSignatureException", failure.errorType());
        }
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
