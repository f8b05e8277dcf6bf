package dev.parley.http.auth;

import static dev.parley.http.auth.AuthenticationFailure.incompleteSignature;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneOffset;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Calculates the signature a request should carry by signing it again with the AWS SDK for Java v2's own signer: same
 * method, raw path, query parameters, exactly the signed headers, the body, the client's X-Amz-Date as the signing
 * clock and its credential scope. Canonicalisation and HMAC stay the SDK's.
 *
 * <p>The path goes in as {@code encodedPath}, untouched: with double URL encoding and path normalisation on (as the
 * Clean Rooms and Athena clients sign), the signer normalises it and encodes it once more, so {@code arn%3Aaws} becomes
 * {@code arn%253Aaws} in the canonical request, exactly as on the client that produced the same raw path.
 */
final class SignatureCalculator {

    static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SignatureCalculator() {}

    static String calculate(
            SignedRequest request, QueryParameters query, SigV4Authorization authorization, Account account) {
        SdkHttpFullRequest.Builder unsigned = unsignedRequest(request, query, authorization);
        if (authorization.presigned()) {
            return presigned(unsigned, authorization, account);
        }
        if (authorization.signs(X_AMZ_CONTENT_SHA256)) {
            return headerSigned(unsigned, authorization, account);
        }
        return headerSignedWithoutContentSha256(unsigned, authorization, account);
    }

    private static String presigned(
            SdkHttpFullRequest.Builder unsigned, SigV4Authorization authorization, Account account) {
        return SIGNER.sign(signRequest(unsigned, authorization, account)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, authorization.expires())
                        .build())
                .request()
                .rawQueryParameters()
                .get(SigV4Authorization.X_AMZ_SIGNATURE)
                .get(0);
    }

    /** The Java SDK v2 clients always sign x-amz-content-sha256, which is what AwsV4HttpSigner reproduces. */
    private static String headerSigned(
            SdkHttpFullRequest.Builder unsigned, SigV4Authorization authorization, Account account) {
        String authorizationHeader = SIGNER.sign(
                        signRequest(unsigned, authorization, account).build())
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow();
        return signatureOf(authorizationHeader);
    }

    /**
     * boto3, the AWS CLI and most SDKs other than Java v2 sign without x-amz-content-sha256. AwsV4HttpSigner cannot
     * reproduce such a signature: it always adds that header and signs it. The SDK's earlier signer, Aws4Signer, signs
     * the body hash without adding the header; it is deprecated in favour of AwsV4HttpSigner but public and maintained.
     */
    @SuppressWarnings("deprecation")
    private static String headerSignedWithoutContentSha256(
            SdkHttpFullRequest.Builder unsigned, SigV4Authorization authorization, Account account) {
        // Aws4Signer rewrites Host from host and port, leaving out the protocol's default port, so pick a protocol
        // for which the port in the client's Host header (if any) is not the default one.
        String protocol = unsigned.port() != null && unsigned.port() == 80 ? "https" : "http";
        SdkHttpFullRequest signed = Aws4Signer.create()
                .sign(
                        unsigned.protocol(protocol).build(),
                        Aws4SignerParams.builder()
                                .awsCredentials(
                                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))
                                .signingName(authorization.credential().service())
                                .signingRegion(
                                        Region.of(authorization.credential().region()))
                                .signingClockOverride(Clock.fixed(authorization.amzDate(), ZoneOffset.UTC))
                                .doubleUrlEncode(true)
                                .normalizePath(true)
                                .build());
        return signatureOf(signed.firstMatchingHeader("Authorization").orElseThrow());
    }

    private static SignRequest.Builder<AwsCredentialsIdentity> signRequest(
            SdkHttpFullRequest.Builder unsigned, SigV4Authorization authorization, Account account) {
        SdkHttpFullRequest request = unsigned.protocol("https").build();
        return SignRequest.builder(AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                .request(request)
                .payload(request.contentStreamProvider().orElseThrow())
                .putProperty(
                        AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                        authorization.credential().service())
                .putProperty(
                        AwsV4HttpSigner.REGION_NAME, authorization.credential().region())
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(authorization.amzDate(), ZoneOffset.UTC))
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true);
    }

    private static SdkHttpFullRequest.Builder unsignedRequest(
            SignedRequest request, QueryParameters query, SigV4Authorization authorization) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(method(request.method()))
                .encodedPath(checkedPath(request.rawPath()))
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(request.body()));
        QueryParameters signedQuery =
                authorization.presigned() ? query.without(SigV4Authorization.QUERY_PARAMETERS) : query;
        signedQuery.asMap().forEach(builder::putRawQueryParameter);
        for (String name : authorization.signedHeaders()) {
            builder.putHeader(name, request.headerValues(name));
        }
        return withHostAndPort(builder, request.firstHeader("Host").orElseThrow());
    }

    /** The signer builds a java.net.URI from the path to normalise it, so reject what URI would refuse. */
    private static String checkedPath(String rawPath) {
        try {
            if (!rawPath.startsWith("/")) {
                throw new URISyntaxException(rawPath, "must start with '/'");
            }
            new URI(rawPath);
            return rawPath;
        } catch (URISyntaxException e) {
            throw incompleteSignature("Malformed request path: " + e.getMessage());
        }
    }

    /**
     * The signed Host header is what AwsV4HttpSigner canonicalises; Aws4Signer rebuilds it from host and port, so
     * both are taken from that header ({@code name}, {@code name:port}, {@code [v6]:port}).
     */
    private static SdkHttpFullRequest.Builder withHostAndPort(SdkHttpFullRequest.Builder builder, String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon < host.lastIndexOf(']')) {
            return builder.host(host);
        }
        try {
            return builder.host(host.substring(0, colon)).port(Integer.parseInt(host.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw incompleteSignature("Malformed Host header '" + host + "'.");
        }
    }

    private static SdkHttpMethod method(String method) {
        try {
            return SdkHttpMethod.fromValue(method);
        } catch (IllegalArgumentException e) {
            throw incompleteSignature("Unsupported HTTP method '" + method + "'.");
        }
    }

    /** Both SDK signers end the header with {@code Signature=<hex>}. */
    private static String signatureOf(String authorizationHeader) {
        return authorizationHeader.substring(authorizationHeader.lastIndexOf("Signature=") + "Signature=".length());
    }
}
