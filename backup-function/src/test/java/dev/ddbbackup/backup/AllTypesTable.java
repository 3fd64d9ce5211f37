package dev.ddbbackup.backup;

import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.write.BatchItemWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A table with a GSI whose items use every attribute type, for backup tests. */
public final class AllTypesTable {

    private AllTypesTable() {}

    public static void create(DynamoDbClient ddb, String table) {
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("gk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("byGk").keySchema(k -> k.attributeName("gk").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    public static List<Map<String, AttributeValue>> fill(DynamoDbClient ddb, String table, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, 10);
        List<Map<String, AttributeValue>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = item(i);
            items.add(item);
            batch.add(item);
            if (batch.size() == 25 || i == count - 1) {
                writer.put(table, batch);
                batch.clear();
            }
        }
        return items;
    }

    public static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.fromS("item#" + i));
        m.put("gk", AttributeValue.fromS("group" + (i % 5)));
        m.put("big", AttributeValue.fromN("12345678901234567890.123456789"));
        m.put("digits38", AttributeValue.fromN("1234567890123456789012345678901234567" + (i % 10)));
        m.put("exp", AttributeValue.fromN("1.5E+100"));
        m.put("tiny", AttributeValue.fromN("-1E-130"));
        m.put("text", AttributeValue.fromS("ünïcødé ✓ 😀 \"q\" \\ \n\t\u0001 #" + i));
        m.put("empty", AttributeValue.fromS(""));
        m.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, (byte) i, 10, 13})));
        m.put("emptyBin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
        m.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        m.put("ns", AttributeValue.fromNs(List.of("1", "2.5", "-3")));
        m.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2, 3}))));
        m.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN("7"), AttributeValue.fromS("x"),
                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9})), AttributeValue.fromNul(true),
                AttributeValue.fromL(List.of(AttributeValue.fromBool(false))))));
        m.put("map", AttributeValue.fromM(Map.of("nested", AttributeValue.fromM(Map.of(
                "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {4, 5})), "n", AttributeValue.fromN("0.1"))))));
        m.put("flag", AttributeValue.fromBool(i % 2 == 0));
        m.put("nothing", AttributeValue.fromNul(true));
        return m;
    }
}
