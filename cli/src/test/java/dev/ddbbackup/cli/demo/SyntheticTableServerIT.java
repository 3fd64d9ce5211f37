package dev.ddbbackup.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The synthetic endpoint the memory benchmarks use, through the real SDK: a backup of its table, a
 * restore into it whose read-back compares every item, and a sink that reports lost or altered writes
 * instead of echoing whatever it is asked for.
 */
class SyntheticTableServerIT {

    private static final int ITEMS = 120;
    private static DemoEnvironment env;
    private static String backupId;

    @BeforeAll
    static void start() {
        env = DemoEnvironment.startSynthetic(ITEMS, 16);
        TableBackupResult backup = env.backUpDemoTable(BackupOptions.DEFAULT.withConcurrency(2), 2).result();
        assertThat(backup.succeeded()).as(backup.error()).isTrue();
        assertThat(backup.items()).isEqualTo(ITEMS);
        backupId = backup.backupId();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void restoreIntoTheSink_createsTheTable_andReadsEveryItemBackEqual() {
        RestoreResult r = env.restoreDemoBackup(backupId, "SinkRestored", RestoreOptions.DEFAULT.withWriteConcurrency(3), 7).result();

        assertThat(r.status()).as(r.summary()).isEqualTo(RestoreResult.Status.SUCCEEDED);
        assertThat(r.tableCreated()).isTrue();
        assertThat(r.itemsWritten()).isEqualTo(ITEMS);
        assertThat(r.readBack().found()).isEqualTo(ITEMS);
        assertThat(env.clients().dynamoDb().describeTable(d -> d.tableName("SinkRestored")).table().itemCount()).isEqualTo(ITEMS);
    }

    @Test
    void sink_returnsRegeneratedItemsOnlyForWrittenKeys_andMarksWritesThatDifferedFromTheGeneratedItem() {
        DynamoDbClient ddb = env.clients().dynamoDb();
        ddb.createTable(c -> c.tableName("SinkChecked").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
        Map<String, AttributeValue> altered = DemoItems.item(2);
        altered.put("note", AttributeValue.fromS("changed"));
        ddb.batchWriteItem(b -> b.requestItems(Map.of("SinkChecked", List.of(
                put(DemoItems.item(1)), put(altered), put(DemoItems.item(3))))));
        ddb.batchWriteItem(b -> b.requestItems(Map.of("SinkChecked", List.of(
                WriteRequest.builder()
                        .deleteRequest(d -> d.key(key(3))).build()))));

        Map<String, Map<String, AttributeValue>> got = new HashMap<>();
        ddb.batchGetItem(b -> b.requestItems(Map.of("SinkChecked", KeysAndAttributes.builder()
                        .keys(key(1), key(2), key(3), key(4)).consistentRead(true).build())))
                .responses().get("SinkChecked").forEach(i -> got.put(i.get("pk").s(), i));

        assertThat(got).containsOnlyKeys("order#1", "order#2");
        assertThat(ItemEquivalence.equivalent(got.get("order#1"), DemoItems.item(1))).isTrue();
        assertThat(got.get("order#2")).containsKey(SyntheticTableServer.MISMATCH_MARKER);
        assertThat(ItemEquivalence.equivalent(got.get("order#2"), DemoItems.item(2))).isFalse();
    }

    @Test
    void sink_refusesUnknownTablesAndKeysItCannotRegenerate() {
        DynamoDbClient ddb = env.clients().dynamoDb();

        assertThatThrownBy(() -> ddb.describeTable(d -> d.tableName("NeverCreated"))).isInstanceOf(ResourceNotFoundException.class);
        ddb.createTable(c -> c.tableName("SinkRefusing").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
        Map<String, AttributeValue> foreign = Map.of("pk", AttributeValue.fromS("customer#1"), "sk", AttributeValue.fromN("0"));
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("SinkRefusing", List.of(put(foreign))))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("only takes the demo items' keys");
        Map<String, AttributeValue> beyond = DemoItems.item(ITEMS);
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("SinkRefusing", List.of(put(beyond))))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("order#" + (ITEMS - 1));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static Map<String, AttributeValue> key(long i) {
        Map<String, AttributeValue> item = DemoItems.item(i);
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    }
}
