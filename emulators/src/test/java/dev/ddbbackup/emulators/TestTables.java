package dev.ddbbackup.emulators;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the simplest table the emulator tests need: on-demand, string hash key "pk". */
final class TestTables {

    private TestTables() {
    }

    static void createWithStringKey(DynamoDbClient client, String table) {
        // Model builders rather than consumer lambdas: the SDK's Consumer varargs trip -Xlint.
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk").keyType(KeyType.HASH).build()));
    }
}
