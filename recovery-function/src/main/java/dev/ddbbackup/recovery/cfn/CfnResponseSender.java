package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.retry.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a {@link CustomResourceResponse} to the presigned {@code ResponseURL}: one HTTP PUT, retried
 * with backoff on server errors and I/O failures.
 *
 * <p>The PUT carries an empty {@code Content-Type} and an exact {@code Content-Length}, as CloudFormation's
 * own cfn-response module sends them: the URL was signed without a content type, and S3 refuses a
 * request whose headers do not match its signature. A 4xx answer (an expired or altered URL) is final.
 * The URL is never logged or put in an error; only its host is.
 */
public final class CfnResponseSender {

    private static final Logger LOG = LoggerFactory.getLogger(CfnResponseSender.class);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;

    /**
     * @param requestTimeout time for one attempt, from sending to the response status
     * @param maxAttempts    attempts in all, at least 1
     */
    public CfnResponseSender(HttpClient client, Duration requestTimeout, int maxAttempts, Backoff backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * The production sender: 3 s to connect, 5 s per attempt, 4 attempts, backoff from 250 ms to 2 s; at
     * worst about 22 s, inside the handler's default 30 s response margin.
     */
    public static CfnResponseSender standard() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new CfnResponseSender(client, Duration.ofSeconds(5), 4, new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2)));
    }

    /**
     * PUTs the response.
     *
     * @throws CfnResponseException when the URL refuses it (4xx) or every attempt failed
     */
    public void send(URI responseUrl, CustomResourceResponse response) {
        byte[] body = response.body();
        String host = responseUrl.getHost();
        HttpRequest request = HttpRequest.newBuilder(responseUrl)
                .timeout(requestTimeout)
                .header("Content-Type", "")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String lastFailure = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                if (status < 500) {
                    throw new CfnResponseException(host, "refused with HTTP " + status
                            + "; the presigned URL may have expired or been altered, so this request cannot be answered again");
                }
                lastFailure = "HTTP " + status;
            } catch (IOException e) {
                String type = e.getClass().getSimpleName();
                lastFailure = e.getMessage() == null ? type : redact(type + ": " + ErrorText.firstLine(e), responseUrl);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CfnResponseException(host, "interrupted while sending");
            }
            if (attempt < maxAttempts) {
                LOG.warn("answer to CloudFormation ({}) attempt {} of {} failed: {}; retrying", host, attempt, maxAttempts, lastFailure);
                backoff.sleep(attempt);
            }
        }
        throw new CfnResponseException(host, maxAttempts + " attempts failed, the last with " + lastFailure);
    }

    /** I/O messages sometimes quote the URL they failed on; keep its query (the signature) out. */
    private static String redact(String message, URI url) {
        String m = message.replace(url.toString(), url.getHost());
        String query = url.getRawQuery();
        return query == null || query.isEmpty() ? m : m.replace(query, "<signature>");
    }
}
