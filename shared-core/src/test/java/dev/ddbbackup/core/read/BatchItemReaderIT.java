package dev.ddbbackup.core.read;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.core.aws.AwsClients;
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
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** BatchItemReader against DynamoDB Local, behind WireMock where DynamoDB's unprocessed-keys answers are injected. */
@ExtendWith(DynamoDbLocalExtension.class)
class BatchItemReaderIT {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DynamoDbLocal ddbLocal;
    private final DynamoDbClient direct;
    private AwsClients proxied;
    private String table;

    BatchItemReaderIT(DynamoDbLocal ddbLocal) {
        this.ddbLocal = ddbLocal;
        this.direct = ddbLocal.newClient();
    }

    @BeforeEach
    void setUp() {
        table = UniqueName.next("reader");
        direct.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")));
        direct.putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("only"), "v", AttributeValue.fromN("1"))));
        DynamoDbStubs.proxyTo(wiremock, ddbLocal);
        proxied = new AwsClients(EmulatorClients.REGION, 4, new AwsClients.Endpoints(URI.create(wiremock.baseUrl()), null, null, null),
                EmulatorClients.credentialsProvider());
    }

    @AfterEach
    void tearDown() {
        proxied.close();
    }

    /** DynamoDB answers "not read" for the key this many times before the call reaches DynamoDB Local. */
    private void unprocessedTimes(int times) {
        String body = "{\"Responses\":{\"" + table + "\":[]},\"UnprocessedKeys\":{\"" + table + "\":{\"Keys\":[{\"pk\":{\"S\":\"only\"}}]}}}";
        DynamoDbStubs.answerFirst(wiremock, "BatchGetItem", times, 200, body);
    }

    private KeysAndAttributes keys(String... pks) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String pk : pks) {
            keys.add(Map.of("pk", AttributeValue.fromS(pk)));
        }
        return KeysAndAttributes.builder().keys(keys).consistentRead(true).build();
    }

    @Test
    void get_retriesUnprocessedKeysUntilAnswered_andLeavesOutKeysWithoutItems() {
        unprocessedTimes(3);

        List<Map<String, AttributeValue>> found = new BatchItemReader(proxied.dynamoDb(), FAST, 10).get(table, keys("only", "absent"));

        assertThat(found).containsExactly(Map.of("pk", AttributeValue.fromS("only"), "v", AttributeValue.fromN("1")));
    }

    @Test
    void get_whenKeysStayUnprocessed_failsLoudlyWithTheCount() {
        unprocessedTimes(5);

        assertThatThrownBy(() -> new BatchItemReader(proxied.dynamoDb(), FAST, 3).get(table, keys("only")))
                .isInstanceOf(BatchItemReader.UnprocessedKeysException.class)
                .hasMessageContaining("1 key(s) of table " + table + " still unprocessed after 3 BatchGetItem attempts");
    }

    @Test
    void get_moreThan100Keys_isRefused() {
        String[] pks = new String[101];
        for (int i = 0; i < pks.length; i++) {
            pks[i] = "k" + i;
        }
        assertThatThrownBy(() -> new BatchItemReader(direct, FAST, 3).get(table, keys(pks))).isInstanceOf(IllegalArgumentException.class);
    }
}
