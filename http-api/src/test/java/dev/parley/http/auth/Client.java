package dev.parley.http.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** Signs requests the way real clients do, with the SDK's signers, and turns them into what the wire carries. */
final class Client {

    static final Account ALICE = new Account("111111111111", "AKIAALICE0000000001", "alice/secret+key");
    static final Account BOB = new Account("222222222222", "AKIABOB000000000002", "bob-secret-key");
    static final Accounts ACCOUNTS = Accounts.of(List.of(ALICE, BOB));
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String REGION = "us-east-1";
    /** The verifier is shared by both protocols, so its tests serve both services. */
    static final ServedScope SERVED = new ServedScope(REGION, java.util.Set.of("cleanrooms", "athena"));

    private Client() {}

    /** An unsigned request to Parley at http://localhost:8080, as an SDK client marshals it. */
    static SdkHttpFullRequest.Builder request(SdkHttpMethod method, String encodedPath, String body) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(method)
                .protocol("http")
                .host("localhost")
                .port(8080)
                .encodedPath(encodedPath);
        if (body != null) {
            builder.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(body.length()))
                    .contentStreamProvider(ContentStreamProvider.fromUtf8String(body));
        }
        return builder;
    }

    /** Like the Java SDK v2 clients: AwsV4HttpSigner, which also signs x-amz-content-sha256. */
    static SignedRequest sign(SdkHttpFullRequest request, Account account, String service, Instant at) {
        return sign(request, account, service, REGION, at);
    }

    static SignedRequest sign(SdkHttpFullRequest request, Account account, String service, String region, Instant at) {
        return toWire(
                AwsV4HttpSigner.create()
                        .sign(signRequest(request, account, service, at)
                                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                                .build())
                        .request(),
                request);
    }

    /** An https request signed with UNSIGNED-PAYLOAD in x-amz-content-sha256 instead of the body's hash. */
    static SignedRequest signUnsignedPayload(SdkHttpFullRequest request, Account account, String service, Instant at) {
        SdkHttpFullRequest https = request.toBuilder().protocol("https").build();
        return toWire(
                AwsV4HttpSigner.create()
                        .sign(signRequest(https, account, service, at)
                                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                                .build())
                        .request(),
                https);
    }

    static SignedRequest presign(
            SdkHttpFullRequest request, Account account, String service, Instant at, Duration expires) {
        return toWire(
                AwsV4HttpSigner.create()
                        .sign(signRequest(request, account, service, at)
                                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                                .build())
                        .request(),
                request);
    }

    /** Like boto3 and the AWS CLI: the body hash is signed, but no x-amz-content-sha256 header is sent. */
    @SuppressWarnings("deprecation")
    static SignedRequest signWithoutContentSha256(
            SdkHttpFullRequest request, Account account, String service, Instant at) {
        SdkHttpFullRequest signed = Aws4Signer.create()
                .sign(
                        request,
                        Aws4SignerParams.builder()
                                .awsCredentials(
                                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))
                                .signingName(service)
                                .signingRegion(Region.of(REGION))
                                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                                .build());
        return toWire(signed, request);
    }

    /** What goes over the wire: the raw path and query as the SDK's HTTP clients write them, headers, body. */
    static SignedRequest toWire(SdkHttpRequest signed, SdkHttpFullRequest unsigned) {
        return new SignedRequest(
                signed.method().name(),
                signed.encodedPath(),
                signed.encodedQueryParameters().orElse(null),
                signed.headers(),
                unsigned.contentStreamProvider()
                        .map(p -> readAll(p.newStream()))
                        .orElse(new byte[0]));
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(value));
        }
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    static byte[] readAll(InputStream in) {
        try (in;
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SignRequest.Builder<AwsCredentialsIdentity> signRequest(
            SdkHttpFullRequest request, Account account, String service, Instant at) {
        SignRequest.Builder<AwsCredentialsIdentity> builder = SignRequest.builder(
                        AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
        request.contentStreamProvider().ifPresent(builder::payload);
        return builder;
    }
}
