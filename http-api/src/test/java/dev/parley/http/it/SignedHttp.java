package dev.parley.http.it;

import dev.parley.http.auth.Account;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests no SDK client would send (malformed bodies, wrong methods, skewed clocks), still signed
 * with the SDK's own SigV4 signer, sent over plain HTTP.
 */
final class SignedHttp {

    record Reply(int status, String errorType, String body) {
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SignedHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    Reply send(Account account, String method, String pathAndQuery, String body, Clock signingClock) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(pathAndQuery));
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cleanrooms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock));
        return sendAsIs(signed.request(), bytes);
    }

    Reply send(Account account, String method, String pathAndQuery, String body) {
        return send(account, method, pathAndQuery, body, Clock.systemUTC());
    }

    /** A presigned GET: the signature travels in the query string, as in a shared URL. */
    Reply sendPresigned(Account account, String pathAndQuery, java.time.Duration expiresIn, Clock signingClock) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint.resolve(pathAndQuery)).build())
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cleanrooms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiresIn)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock));
        return sendAsIs(signed.request(), new byte[0]);
    }

    Reply sendUnsigned(String method, String pathAndQuery) {
        return sendAsIs(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(pathAndQuery)).build(), new byte[0]);
    }

    private Reply sendAsIs(SdkHttpRequest request, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                .method(request.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            // The JDK client sets these itself, to the same values the signer saw.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
