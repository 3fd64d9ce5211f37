package dev.ddbbackup.core.scan;

import dev.ddbbackup.core.rate.CapacityLimiter;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.emulators.DynamoDbStubs;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.UniqueName;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@ExtendWith(DynamoDbLocalExtension.class)
class ParallelScannerIT {

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DynamoDbLocal ddbLocal;
    private final DynamoDbClient ddb;

    ParallelScannerIT(DynamoDbLocal ddbLocal) {
        this.ddbLocal = ddbLocal;
        this.ddb = ddbLocal.newClient();
    }

    @Test
    void scan_deliversEveryItemExactlyOnceAcrossSegments() {
        String table = tableWith(1500);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();

        ParallelScanner.ScanStats stats = new ParallelScanner(ddb, 3, null)
                .scan(table, 7, segment -> collecting(seen, duplicates, closed), Deadline.none());

        assertThat(stats.items()).isEqualTo(1500);
        assertThat(seen).hasSize(1500);
        assertThat(duplicates).hasValue(0);
        assertThat(closed).hasValue(7);
    }

    @Test
    void scan_whenDeadlineNear_stopsWithoutClosingSegments() {
        String table = tableWith(50);
        AtomicInteger closed = new AtomicInteger();

        assertThatThrownBy(() -> new ParallelScanner(ddb, 2, null)
                .scan(table, 4, s -> collecting(ConcurrentHashMap.newKeySet(), new AtomicInteger(), closed), Deadline.of(() -> 500, 1000)))
                .isInstanceOf(ScanStoppedException.class).hasMessageContaining("less than 1000 ms");
        assertThat(closed).hasValue(0);
    }

    @Test
    void scan_whenThrottled_retriesWithBackoffAndDeliversEverything() {
        String table = tableWith(300);
        // Every Scan is answered with a throttling error twice before reaching DynamoDB Local.
        DynamoDbStubs.proxyTo(wiremock, ddbLocal);
        DynamoDbStubs.answerFirst(wiremock, "Scan", 4, 400,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"throttled\"}");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (AwsClients clients = new AwsClients(EmulatorClients.REGION, 8,
                new AwsClients.Endpoints(URI.create(wiremock.baseUrl()), null, null, null), EmulatorClients.credentialsProvider())) {
            ParallelScanner.ScanStats stats = new ParallelScanner(clients.dynamoDb(), 2, null)
                    .scan(table, 2, s -> collecting(seen, new AtomicInteger(), new AtomicInteger()), Deadline.none());

            assertThat(stats.items()).isEqualTo(300);
        }
        assertThat(seen).hasSize(300);
        // 4 throttled answers plus at least one successful page per segment
        assertThat(wiremock.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.Scan")))).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void scan_withCapacityLimit_asksForConsumedCapacity() {
        String table = tableWith(200);
        CapacityLimiter limiter = new CapacityLimiter(1_000_000);

        long items = new ParallelScanner(ddb, 2, limiter)
                .scan(table, 2, s -> collecting(ConcurrentHashMap.newKeySet(), new AtomicInteger(), new AtomicInteger()), Deadline.none())
                .items();

        assertThat(items).isEqualTo(200);
    }

    private String tableWith(int count) {
        String table = UniqueName.next("scan");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, 10);
        List<Map<String, AttributeValue>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Map.of("pk", AttributeValue.fromS("k" + i), "v", AttributeValue.fromN(Integer.toString(i))));
            if (batch.size() == 25 || i == count - 1) {
                writer.put(table, batch);
                batch.clear();
            }
        }
        return table;
    }

    private static SegmentSink collecting(Set<String> seen, AtomicInteger duplicates, AtomicInteger closed) {
        return new SegmentSink() {
            @Override
            public void accept(List<Map<String, AttributeValue>> page) {
                for (Map<String, AttributeValue> item : page) {
                    if (!seen.add(item.get("pk").s())) {
                        duplicates.incrementAndGet();
                    }
                }
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
