package dev.ddbbackup.core.write;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.rate.CapacityLimiter;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.emulators.DynamoDbStubs;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.UniqueName;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** BatchItemWriter against DynamoDB Local, behind WireMock where DynamoDB's unprocessed-items answers are injected. */
@ExtendWith(DynamoDbLocalExtension.class)
class BatchItemWriterIT {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DynamoDbLocal ddbLocal;
    private final DynamoDbClient direct;
    private AwsClients proxied;
    private String table;

    BatchItemWriterIT(DynamoDbLocal ddbLocal) {
        this.ddbLocal = ddbLocal;
        this.direct = ddbLocal.newClient();
    }

    @BeforeEach
    void setUp() {
        table = UniqueName.next("writer");
        direct.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")));
        DynamoDbStubs.proxyTo(wiremock, ddbLocal);
        proxied = new AwsClients(EmulatorClients.REGION, 4, new AwsClients.Endpoints(URI.create(wiremock.baseUrl()), null, null, null),
                EmulatorClients.credentialsProvider());
    }

    @AfterEach
    void tearDown() {
        proxied.close();
    }

    /** DynamoDB answers "not written" for the one item of a batch this many times before the call reaches DynamoDB Local. */
    private void unprocessedTimes(int times) {
        String body = "{\"UnprocessedItems\":{\"" + table + "\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"only\"},\"v\":{\"N\":\"1\"}}}}]}}";
        DynamoDbStubs.answerFirst(wiremock, "BatchWriteItem", times, 200, body);
    }

    private static Map<String, AttributeValue> only() {
        return Map.of("pk", AttributeValue.fromS("only"), "v", AttributeValue.fromN("1"));
    }

    @Test
    void put_retriesUnprocessedItemsUntilWritten() {
        unprocessedTimes(3);

        int calls = new BatchItemWriter(proxied.dynamoDb(), FAST, 10).put(table, List.of(only()));

        assertThat(calls).isEqualTo(4);
        assertThat(direct.getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS("only")))).item()).isEqualTo(only());
    }

    @Test
    void put_whenItemsStayUnprocessed_failsLoudlyWithTheCount() {
        unprocessedTimes(5);

        assertThatThrownBy(() -> new BatchItemWriter(proxied.dynamoDb(), FAST, 3).put(table, List.of(only())))
                .isInstanceOf(BatchItemWriter.UnprocessedItemsException.class)
                .hasMessageContaining("1 item(s) for table " + table + " still unprocessed after 3 BatchWriteItem attempts");
    }

    @Test
    void put_withCapacityLimit_asksForConsumedCapacityAndChargesIt() throws InterruptedException {
        List<Long> waits = new ArrayList<>();
        // A clock that stands still: each charge turns into a wait of exactly units / rate.
        CapacityLimiter limiter = new CapacityLimiter(1000, () -> 0L, waits::add);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(Map.of("pk", AttributeValue.fromS("k" + i)));
        }

        new BatchItemWriter(proxied.dynamoDb(), FAST, 3, limiter).put(table, items);

        assertThat(wiremock.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.BatchWriteItem"))))
                .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("\"ReturnConsumedCapacity\":\"TOTAL\""));
        assertThat(direct.scan(s -> s.tableName(table)).count()).isEqualTo(25);
        // 25 small items consume 25 WCU: 25 ms at 1000 WCU/s
        assertThat(waits).containsExactly(25_000_000L);
    }

    @Test
    void put_moreThan25Items_isRefused() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            items.add(Map.of("pk", AttributeValue.fromS("k" + i)));
        }
        assertThatThrownBy(() -> new BatchItemWriter(direct, FAST, 3).put(table, items)).isInstanceOf(IllegalArgumentException.class);
    }
}
