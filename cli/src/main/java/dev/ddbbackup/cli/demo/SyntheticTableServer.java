package dev.ddbbackup.cli.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A read-only DynamoDB endpoint over HTTP that serves {@link DemoItems} 0..n-1 as table
 * {@link DemoItems#TABLE}, for memory benchmarks at sizes DynamoDB Local cannot scan in reasonable
 * time (its segmented Scan slows down as the table grows; see docs/benchmarks.md).
 *
 * <p>It answers DescribeTable, DescribeTimeToLive, ListTagsOfResource, DescribeContinuousBackups and
 * Scan with Segment/TotalSegments and ExclusiveStartKey (item i belongs to segment i mod total);
 * pages hold about 1 MB, like DynamoDB's. Nothing else. It runs in its own JVM so the benchmark's
 * heap measures only the backup.
 */
public final class SyntheticTableServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int PAGE_BYTES = 1024 * 1024;

    private final long items;

    private SyntheticTableServer(long items) {
        this.items = items;
    }

    /** Arguments: port, item count. Prints "ready" when listening. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        SyntheticTableServer table = new SyntheticTableServer(Long.parseLong(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", table::handle);
        server.start();
        System.out.println("ready");
        System.out.flush();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String op = target.substring(target.indexOf('.') + 1);
            byte[] out = switch (op) {
                case "DescribeTable" -> describeTable();
                case "DescribeTimeToLive" -> bytes("{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"DISABLED\"}}");
                case "ListTagsOfResource" -> bytes("{\"Tags\":[]}");
                case "DescribeContinuousBackups" -> bytes("{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"DISABLED\","
                        + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}");
                case "Scan" -> scan(body);
                default -> null;
            };
            if (out == null) {
                out = bytes("{\"__type\":\"com.amazonaws.dynamodb.v20120810#UnknownOperationException\",\"message\":\"unknown operation\"}");
                send(ex, 400, out);
            } else {
                send(ex, 200, out);
            }
        }
    }

    private byte[] describeTable() {
        return bytes("{\"Table\":{\"TableName\":\"" + DemoItems.TABLE + "\",\"TableArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/"
                + DemoItems.TABLE + "\",\"TableStatus\":\"ACTIVE\",\"ItemCount\":" + items + ",\"TableSizeBytes\":" + items * 1300
                + ",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\"}}}");
    }

    private byte[] scan(JsonNode body) throws IOException {
        int segment = body.path("Segment").asInt(0);
        int total = body.path("TotalSegments").asInt(1);
        long next = segment;
        JsonNode start = body.path("ExclusiveStartKey").path("pk").path("S");
        if (start.isTextual()) {
            next = Long.parseLong(start.asText().substring("order#".length())) + total;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(PAGE_BYTES + 64 * 1024);
        int count = 0;
        long last = -1;
        try (JsonGenerator g = FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Items");
            for (long i = next; i < items && buf.size() < PAGE_BYTES; i += total) {
                DynamoDbJsonCodec.writeItem(g, DemoItems.item(i));
                g.flush();
                count++;
                last = i;
            }
            g.writeEndArray();
            g.writeNumberField("Count", count);
            g.writeNumberField("ScannedCount", count);
            if (last >= 0 && last + total < items) {
                Map<String, AttributeValue> item = DemoItems.item(last);
                g.writeFieldName("LastEvaluatedKey");
                DynamoDbJsonCodec.writeItem(g, Map.of("pk", item.get("pk"), "sk", item.get("sk")));
            }
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
