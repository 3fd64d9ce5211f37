package dev.ddbbackup.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalIT {

    private static DynamoDbLocal injectedBeforeAll;

    @BeforeAll
    static void rememberInstance(DynamoDbLocal ddb) {
        injectedBeforeAll = ddb;
    }

    @Test
    void putItem_thenGetItem_returnsTheItem(DynamoDbLocal ddb) {
        String table = UniqueName.next("items");
        Map<String, AttributeValue> item = Map.of(
                "pk", AttributeValue.fromS("user#1"),
                "count", AttributeValue.fromN("42"),
                "tags", AttributeValue.fromSs(List.of("a", "b")));
        try (DynamoDbClient client = ddb.newClient()) {
            TestTables.createWithStringKey(client, table);

            client.putItem(b -> b.tableName(table).item(item));
            Map<String, AttributeValue> read = client.getItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("user#1")))
                    .consistentRead(true)).item();

            assertThat(read).isEqualTo(item);
        }
    }

    @Test
    void extension_injectsOneInstancePerJvm(DynamoDbLocal ddb) {
        assertThat(ddb).isSameAs(injectedBeforeAll);
    }

    @Test
    void startChildProcess_servesTablesFromAnotherJvm() {
        String table = UniqueName.next("child");
        try (DynamoDbLocal child = DynamoDbLocal.startChildProcess(List.of("-Xmx256m"));
                DynamoDbClient client = child.newClient()) {
            TestTables.createWithStringKey(client, table);

            assertThat(client.listTables().tableNames()).contains(table);
            assertThat(child.endpoint()).isNotEqualTo(injectedBeforeAll.endpoint());
        }
    }
}
