package dev.ddbbackup.cli.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.codec.MalformedItemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB endpoint over HTTP that serves {@link DemoItems} 0..n-1 as table {@link DemoItems#TABLE}
 * and accepts restores of them into other tables, for memory benchmarks at sizes DynamoDB Local cannot
 * scan or load in reasonable time (its segmented Scan slows down as the table grows; see
 * docs/benchmarks.md).
 *
 * <p>Source: DescribeTable, DescribeTimeToLive, ListTagsOfResource, DescribeContinuousBackups and Scan
 * with Segment/TotalSegments and ExclusiveStartKey (item i belongs to segment i mod total); pages hold
 * about 1 MB, like DynamoDB's.
 *
 * <p>Sink: CreateTable (key pk S + sk N only), DescribeTable, DeleteTable, BatchWriteItem and
 * BatchGetItem on the created tables. It keeps no items, only two bits per item number: every put is compared with
 * {@code DemoItems.item(i)} when it arrives, and BatchGetItem regenerates the item for each key that was
 * written, with a marker attribute added when what arrived was not equal, and nothing for a key never
 * written or deleted. So a read-back through it still compares every item, and a lost or altered write
 * shows up as missing or different. Nothing else is implemented. It runs in its own JVM so the
 * benchmark's heap measures only the backup or restore.
 */
public final class SyntheticTableServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int PAGE_BYTES = 1024 * 1024;

    /** Attribute added to items whose write did not match the generated item, so a read-back sees them differ. */
    static final String MISMATCH_MARKER = "syntheticSinkReceivedDifferentItem";
    private static final String ITEM_PREFIX = "order#";

    private final long items;
    private final Map<String, SinkTable> sinks = new ConcurrentHashMap<>();

    private SyntheticTableServer(long items) {
        this.items = items;
    }

    /** A created table: which item numbers are present, and which of those arrived different from DemoItems. */
    private static final class SinkTable {
        final BitSet present = new BitSet();
        final BitSet different = new BitSet();
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
            byte[] out;
            try {
                out = answer(ex);
            } catch (Refusal r) {
                send(ex, 400, error(r.type, r.getMessage()));
                return;
            } catch (MalformedItemException e) {
                send(ex, 400, error("ValidationException", "malformed item: " + e.getMessage()));
                return;
            }
            if (out == null) {
                send(ex, 400, error("UnknownOperationException", "unknown operation"));
            } else {
                send(ex, 200, out);
            }
        }
    }

    /** The response body for a request, or null for an operation this endpoint does not implement. */
    private byte[] answer(HttpExchange ex) throws IOException {
        String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String op = target.substring(target.indexOf('.') + 1);
        return switch (op) {
            case "DescribeTable" -> describeTable(body.path("TableName").asText());
            case "CreateTable" -> createTable(body);
            case "DeleteTable" -> deleteTable(body.path("TableName").asText());
            case "BatchWriteItem" -> batchWriteItem(body);
            case "BatchGetItem" -> batchGetItem(body);
            case "DescribeTimeToLive" -> bytes("{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"DISABLED\"}}");
            case "ListTagsOfResource" -> bytes("{\"Tags\":[]}");
            case "DescribeContinuousBackups" -> bytes("{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":\"DISABLED\","
                    + "\"PointInTimeRecoveryDescription\":{\"PointInTimeRecoveryStatus\":\"DISABLED\"}}}");
            case "Scan" -> scan(body);
            default -> null;
        };
    }

    /** A client error answered as DynamoDB answers it (HTTP 400 with {@code __type}), never retried by the SDK. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        Refusal(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private byte[] describeTable(String name) {
        if (DemoItems.TABLE.equals(name)) {
            return bytes("{\"Table\":" + tableJson(name, items) + "}");
        }
        SinkTable sink = sink(name);
        long count;
        synchronized (sink) {
            count = sink.present.cardinality();
        }
        return bytes("{\"Table\":" + tableJson(name, count) + "}");
    }

    private static String tableJson(String name, long count) {
        return "{\"TableName\":\"" + name + "\",\"TableArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/"
                + name + "\",\"TableStatus\":\"ACTIVE\",\"ItemCount\":" + count + ",\"TableSizeBytes\":" + count * 1300
                + ",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\"}}";
    }

    private byte[] createTable(JsonNode body) {
        String name = body.path("TableName").asText();
        JsonNode keys = body.path("KeySchema");
        boolean demoKey = keys.size() == 2 && keySchemaHas(keys, "pk", "HASH") && keySchemaHas(keys, "sk", "RANGE");
        if (!demoKey) {
            throw new Refusal("ValidationException", "the synthetic sink only takes tables keyed pk (HASH) + sk (RANGE), like " + DemoItems.TABLE);
        }
        if (DemoItems.TABLE.equals(name) || sinks.putIfAbsent(name, new SinkTable()) != null) {
            throw new Refusal("ResourceInUseException", "Table already exists: " + name);
        }
        return bytes("{\"TableDescription\":" + tableJson(name, 0) + "}");
    }

    private byte[] deleteTable(String name) {
        if (DemoItems.TABLE.equals(name)) {
            throw new Refusal("ValidationException", "the synthetic source table " + name + " cannot be deleted");
        }
        sink(name);
        sinks.remove(name);
        return bytes("{\"TableDescription\":" + tableJson(name, 0).replace("\"ACTIVE\"", "\"DELETING\"") + "}");
    }

    private static boolean keySchemaHas(JsonNode keys, String name, String type) {
        for (JsonNode k : keys) {
            if (name.equals(k.path("AttributeName").asText()) && type.equals(k.path("KeyType").asText())) {
                return true;
            }
        }
        return false;
    }

    private SinkTable sink(String name) {
        SinkTable sink = sinks.get(name);
        if (sink == null) {
            throw new Refusal("ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        }
        return sink;
    }

    private byte[] batchWriteItem(JsonNode body) throws IOException {
        var tables = body.path("RequestItems").fields();
        while (tables.hasNext()) {
            var entry = tables.next();
            SinkTable sink = sink(entry.getKey());
            for (JsonNode request : entry.getValue()) {
                if (request.has("PutRequest")) {
                    Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(JSON.treeAsTokens(request.path("PutRequest").path("Item")));
                    int i = itemNumber(item);
                    boolean equal = ItemEquivalence.equivalent(item, DemoItems.item(i));
                    synchronized (sink) {
                        sink.present.set(i);
                        sink.different.set(i, !equal);
                    }
                } else {
                    int i = itemNumber(DynamoDbJsonCodec.readItem(JSON.treeAsTokens(request.path("DeleteRequest").path("Key"))));
                    synchronized (sink) {
                        sink.present.clear(i);
                        sink.different.clear(i);
                    }
                }
            }
        }
        return bytes("{\"UnprocessedItems\":{}}");
    }

    private byte[] batchGetItem(JsonNode body) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256 * 1024);
        try (JsonGenerator g = FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Responses");
            var tables = body.path("RequestItems").fields();
            while (tables.hasNext()) {
                var entry = tables.next();
                SinkTable sink = sink(entry.getKey());
                g.writeArrayFieldStart(entry.getKey());
                for (JsonNode keyNode : entry.getValue().path("Keys")) {
                    Map<String, AttributeValue> key = DynamoDbJsonCodec.readItem(JSON.treeAsTokens(keyNode));
                    int i = itemNumber(key);
                    boolean present;
                    boolean different;
                    synchronized (sink) {
                        present = sink.present.get(i);
                        different = sink.different.get(i);
                    }
                    Map<String, AttributeValue> item = DemoItems.item(i);
                    if (!present || !item.get("sk").equals(key.get("sk"))) {
                        continue;
                    }
                    if (different) {
                        item.put(MISMATCH_MARKER, AttributeValue.fromBool(true));
                    }
                    DynamoDbJsonCodec.writeItem(g, item);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("UnprocessedKeys");
            g.writeEndObject();
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    /** The demo item number a key or item names ({@code pk = order#i}); other keys are refused. */
    private int itemNumber(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("pk");
        String s = pk == null ? null : pk.s();
        if (s != null && s.startsWith(ITEM_PREFIX) && s.length() > ITEM_PREFIX.length() && s.length() <= ITEM_PREFIX.length() + 10) {
            try {
                long i = Long.parseLong(s.substring(ITEM_PREFIX.length()));
                if (i >= 0 && i < items && i <= Integer.MAX_VALUE) {
                    return (int) i;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new Refusal("ValidationException", "the synthetic sink only takes the demo items' keys, pk order#0 .. order#" + (items - 1));
    }

    private static byte[] error(String type, String message) {
        return bytes("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
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
