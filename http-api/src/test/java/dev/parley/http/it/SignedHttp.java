package dev.parley.http.it;

import dev.parley.http.auth.Account;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests no SDK client would send (malformed bodies, wrong methods, skewed clocks, foreign scopes), still signed
 * with the SDK's own SigV4 signer, sent over plain HTTP.
 */
final class SignedHttp {

    record Reply(int status, String errorType, String body, String requestId) {}

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SignedHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    Reply send(Account account, String method, String pathAndQuery, String body, Clock signingClock) {
        byte[] bytes = bytes(body);
        return sendAsIs(
                sign(
                        account,
                        method,
                        pathAndQuery,
                        body == null ? null : "application/json",
                        bytes,
                        signer -> signer.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock)),
                bytes);
    }

    Reply send(Account account, String method, String pathAndQuery, String body) {
        return send(account, method, pathAndQuery, body, Clock.systemUTC());
    }

    /**
     * A request signed for Clean Rooms in us-east-1 unless {@code changes} says otherwise (another scope, clock or
     * payload signing), with the given Content-Type (null for none).
     */
    SdkHttpRequest sign(
            Account account,
            String method,
            String pathAndQuery,
            String contentType,
            byte[] body,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> changes) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(endpoint.resolve(pathAndQuery));
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        SignRequest.Builder<AwsCredentialsIdentity> signing = SignRequest.builder(
                        AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cleanrooms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
        changes.accept(signing);
        return AwsV4HttpSigner.create().sign(signing.build()).request();
    }

    /** An awsJson request to {@code service}: {@code POST /} naming its operation in {@code X-Amz-Target}. */
    Reply sendTargeted(Account account, String service, String target, String body) {
        byte[] bytes = bytes(body);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        return sendAsIs(
                AwsV4HttpSigner.create()
                        .sign(SignRequest.builder(
                                        AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                                .request(request)
                                .payload(ContentStreamProvider.fromByteArray(bytes))
                                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                                .build())
                        .request(),
                bytes);
    }

    /** A presigned GET: the signature travels in the query string, as in a shared URL. */
    Reply sendPresigned(Account account, String pathAndQuery, java.time.Duration expiresIn, Clock signingClock) {
        return sendAsIs(
                sign(
                        account,
                        "GET",
                        pathAndQuery,
                        null,
                        new byte[0],
                        signer -> signer.putProperty(
                                        AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiresIn)
                                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock)),
                new byte[0]);
    }

    Reply sendUnsigned(String method, String pathAndQuery) {
        return sendAsIs(
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.fromValue(method))
                        .uri(endpoint.resolve(pathAndQuery))
                        .build(),
                new byte[0]);
    }

    /** Sends exactly these headers and this body, whatever they say. */
    Reply sendAsIs(SdkHttpRequest request, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                .method(
                        request.method().name(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            // The JDK client sets these itself, to the same values the signer saw.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    response.body(),
                    response.headers().firstValue("x-amzn-RequestId").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
