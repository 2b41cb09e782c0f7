package org.patientoutreach.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts a body larger than a service accepts and returns the status the service answers. The request announces
 * {@code Expect: 100-continue} and writes its body only once the server asks for it. Quarkus refuses an oversized body
 * by its Content-Length alone (413, then it closes the connection): a client that writes the body at once can fail with
 * a broken pipe before it reads that answer, which made the services' body-limit tests fail now and then.
 */
public final class OversizedBody {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private OversizedBody() {
    }

    /** @param bearerToken a JWT, or null for an endpoint that needs none */
    public static int post(String baseUrl, String path, String contentType, String bearerToken, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl).resolve(path))
                .expectContinue(true).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("the oversized POST to " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
