package dev.parley.load;

import io.gatling.http.client.Request;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs Gatling's requests with the AWS SDK's own SigV4 signer, as every Parley client must: the request Gatling is
 * about to send is rebuilt as an SDK request (method, URL, the headers that matter, body), signed for the service in
 * us-east-1, and the signature headers are copied onto it.
 */
final class SigV4 {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SigV4() {}

    static Request sign(Request request, AwsCredentialsIdentity credentials, String service) {
        byte[] body =
                request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getMethod().name()))
                .uri(URI.create(request.getUri().toUrl()));
        for (String name : new String[] {"Content-Type", "X-Amz-Target"}) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                unsigned.putHeader(name, value);
            }
        }
        SdkHttpRequest signed = SIGNER.sign(r -> r.identity(credentials)
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        for (Map.Entry<String, java.util.List<String>> header : signed.headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Authorization") || name.toLowerCase().startsWith("x-amz-")) {
                request.getHeaders().set(name, header.getValue().get(0));
            }
        }
        return request;
    }
}
