package dev.ddbbackup.emulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Sends one small HTTP request to an emulator, to learn whether it is up or to call its
 * management API; failures to connect are an answer, not an error.
 */
final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpProbe() {
    }

    /** Returns the response status, or empty if nothing answered in time. */
    static OptionalInt status(String method, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return OptionalInt.of(CLIENT.send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
