package dev.parley.http.wire;

import dev.parley.persistence.Cursor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident nextToken values: a keyset cursor bound to the listing it came from
 * (operation, caller and filters), signed with HMAC-SHA256 under a per-installation key.
 */
public final class PaginationTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public PaginationTokens(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** {@code scope} names the listing: a token from one listing is refused by another. */
    public String issue(String scope, Cursor cursor) {
        String payload = cursor.time() + ":" + cursor.key();
        byte[] signature = sign(scope, payload);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(signature);
    }

    /** The cursor in {@code token}, or a ValidationException when it was not issued for this listing. */
    public Optional<Cursor> read(String scope, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(scope, payload))) {
                throw invalid();
            }
            int colon = payload.indexOf(':');
            return Optional.of(new Cursor(Long.parseLong(payload.substring(0, colon)), payload.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    private byte[] sign(String scope, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static AwsError invalid() {
        return AwsError.validation("The nextToken is invalid or does not belong to this request");
    }
}
