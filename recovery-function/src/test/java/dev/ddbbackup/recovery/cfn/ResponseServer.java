package dev.ddbbackup.recovery.cfn;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 standing in for the presigned S3 URL that takes a custom resource's answer:
 * records every request and answers with the statuses it was told to, then 200.
 */
final class ResponseServer implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            long arrivedAtNanos) {

        /** The single value of a header (names are case-insensitive); null when absent. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    ResponseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order; later ones with 200. */
    void answerWith(Integer... next) {
        synchronized (statuses) {
            statuses.addAll(List.of(next));
        }
    }

    /** A URL on this server shaped like CloudFormation's presigned response URL. */
    URI presignedUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/backup-stack/5b918d10%7CTestRestore%7Creq-1"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261121%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=0badc0ffee0ddf00d");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
