package dev.parley.http.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedContentTypeTapTest {

    /** Three pipelined requests: a Content-Length body, a chunked body with trailers, and one with no body. */
    private static final String PIPELINED =
            "POST /collaborations HTTP/1.1\r\nHost: x\r\ncontent-TYPE: Application/JSON; charset=utf-8\r\n"
                    + "Content-Length: 38\r\n\r\n"
                    + "{\"a\":\"\r\nContent-Type: text/plain\r\n\r\n\"}"
                    + "PATCH /memberships/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/json\r\nX-Signed-Cty: forged\r\n\r\n"
                    + "10;ext=1\r\n{\"Content-Type:\"\r\n2\r\n1}\r\n0\r\nContent-Type: trailer\r\n\r\n"
                    + "\r\nGET /collaborations HTTP/1.1\r\nHost: x\r\n\r\n";

    private static final String EXPECTED =
            "POST /collaborations HTTP/1.1\r\nHost: x\r\nX-Signed-Cty: Application/JSON; charset=utf-8\r\n"
                    + "Content-Length: 38\r\n\r\n"
                    + "{\"a\":\"\r\nContent-Type: text/plain\r\n\r\n\"}"
                    + "PATCH /memberships/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "X-Signed-Cty: application/json\r\nX-Shadow-Cty: forged\r\n\r\n"
                    + "10;ext=1\r\n{\"Content-Type:\"\r\n2\r\n1}\r\n0\r\nContent-Type: trailer\r\n\r\n"
                    + "\r\nGET /collaborations HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void renamesContentTypeInHeadsOnlyWhateverTheBodiesSay() {
        assertEquals(EXPECTED, feed(PIPELINED, new int[] {PIPELINED.length()}));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theSameWhereverTheBytesAreSplit(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int[] cuts = new int[1 + random.nextInt(12)];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = random.nextInt(PIPELINED.length() + 1);
            }
            java.util.Arrays.sort(cuts);
            assertEquals(EXPECTED, feed(PIPELINED, cuts), "cut at " + java.util.Arrays.toString(cuts));
        }
    }

    @Test
    void passesWhatItCannotFollowThroughUnchanged() {
        String badLength = "POST / HTTP/1.1\r\nContent-Length: x\r\n\r\nbody\r\nContent-Type: a\r\n\r\n";
        assertEquals(badLength, feed(badLength, new int[] {9}));
        String badChunk = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nContent-Type: a\r\n\r\n";
        assertEquals(badChunk, feed(badChunk, new int[] {50}));
        String endless = "GET / HTTP/1.1\r\nContent-Type: a\r\nX: " + "y".repeat(70_000);
        assertEquals(endless, feed(endless, new int[] {10, 40_000}));
    }

    @Test
    void anUnfinishedHeadIsHandedOnWhenTheInputEnds() {
        SignedContentTypeTap tap = new SignedContentTypeTap();
        String partial = "GET / HTTP/1.1\r\nContent-Type: a\r\n";
        assertEquals("", tap.next(ByteString.fromString(partial)).utf8String());
        assertEquals(partial, tap.flush().utf8String());
    }

    private static String feed(String input, int[] cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        SignedContentTypeTap tap = new SignedContentTypeTap();
        ByteStringBuilder out = new ByteStringBuilder();
        int from = 0;
        for (int cut : cuts) {
            out.append(tap.next(ByteString.fromArray(bytes, from, cut - from)));
            from = cut;
        }
        out.append(tap.next(ByteString.fromArray(bytes, from, bytes.length - from)));
        out.append(tap.flush());
        return out.result().utf8String();
    }
}
