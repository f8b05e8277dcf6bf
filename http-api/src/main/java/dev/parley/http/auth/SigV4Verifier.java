package dev.parley.http.auth;

import static dev.parley.http.auth.AuthenticationFailure.invalidSignature;
import static dev.parley.http.auth.SigV4Authorization.AMZ_DATE_FORMAT;
import static dev.parley.http.auth.SignatureCalculator.X_AMZ_CONTENT_SHA256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Authenticates requests signed with AWS Signature Version 4, in the Authorization header or as a presigned URL,
 * against the configured accounts. The expected signature is calculated by the AWS SDK's own signer (see
 * {@link SignatureCalculator}); nothing here canonicalises or computes an HMAC.
 */
public final class SigV4Verifier {

    /** How far X-Amz-Date may be from the server's clock, as AWS allows. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final Accounts accounts;
    private final ServedScope served;
    private final Clock clock;

    public SigV4Verifier(Accounts accounts, ServedScope served, Clock clock) {
        this.accounts = accounts;
        this.served = served;
        this.clock = clock;
    }

    /** @throws AuthenticationFailure with the AWS error code and HTTP status the client should see */
    public Caller verify(SignedRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        SigV4Authorization authorization = SigV4Authorization.of(request, query);
        checkTime(authorization);
        Account account = accounts.byAccessKeyId(authorization.credential().accessKeyId())
                .orElseThrow(AuthenticationFailure::unrecognizedClient);
        served.check(authorization.credential());
        checkPayloadSigned(request, authorization);
        String expected = SignatureCalculator.calculate(request, query, authorization, account);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AuthenticationFailure.signatureDoesNotMatch();
        }
        return new Caller(
                account.accountId(),
                account.accessKeyId(),
                authorization.credential().service(),
                authorization.credential().region());
    }

    private void checkTime(SigV4Authorization authorization) {
        Instant now = clock.instant();
        Instant signedAt = authorization.amzDate();
        if (signedAt.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw invalidSignature("Signature not yet current: " + format(signedAt) + " is still later than "
                    + format(now.plus(ALLOWED_CLOCK_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
        if (authorization.presigned()) {
            Instant expiry = signedAt.plus(authorization.expires());
            if (now.isAfter(expiry)) {
                throw invalidSignature("Signature expired: " + format(expiry) + " is now earlier than " + format(now)
                        + " (" + format(signedAt) + " + "
                        + authorization.expires().toSeconds()
                        + " sec.)");
            }
        } else if (signedAt.isBefore(now.minus(ALLOWED_CLOCK_SKEW))) {
            throw invalidSignature("Signature expired: " + format(signedAt) + " is now earlier than "
                    + format(now.minus(ALLOWED_CLOCK_SKEW)) + " (" + format(now) + " - 15 min.)");
        }
    }

    /**
     * The body must be covered by the signature: otherwise a request captured on plain HTTP could be replayed with any
     * body for as long as its date is current. The SDKs, boto3 and the CLI all sign the body's hash, so UNSIGNED-PAYLOAD
     * is refused, and so is a body on a presigned URL, whose signature never covers one. A stated hash must be the
     * body's own; when the header is signed the signer would catch a wrong one anyway, but this message says what is
     * wrong.
     */
    private static void checkPayloadSigned(SignedRequest request, SigV4Authorization authorization) {
        if (authorization.presigned() && request.body().length > 0) {
            throw invalidSignature("A presigned URL does not sign a request body; sign requests with a body in the "
                    + "Authorization header.");
        }
        request.firstHeader(X_AMZ_CONTENT_SHA256).ifPresent(claimed -> {
            if (UNSIGNED_PAYLOAD.equals(claimed)) {
                throw invalidSignature("UNSIGNED-PAYLOAD is not accepted: sign the SHA-256 of the request body.");
            }
            if (!claimed.equals(sha256Hex(request.body()))) {
                throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
        });
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    private static String format(Instant instant) {
        return AMZ_DATE_FORMAT.format(instant);
    }
}
