package dev.ddbbackup.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.recovery.source.ItemOperation;
import dev.ddbbackup.recovery.source.SourcePart;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(DynamoDbLocalExtension.class)
class LaneWriterIT {

    private final DynamoDbClient ddb;

    LaneWriterIT(DynamoDbLocal ddbLocal) {
        this.ddb = ddbLocal.newClient();
    }

    private String table() {
        String table = UniqueName.next("lanes");
        ddb.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
        return table;
    }

    private static final KeySchema KEYS = new KeySchema(List.of(new KeySchema.Attribute("pk", "S", "HASH"),
            new KeySchema.Attribute("sk", "N", "RANGE")));

    private static ItemOperation put(String pk, String sk, int version) {
        return ItemOperation.put(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(sk), "v", AttributeValue.fromN("" + version)));
    }

    @Test
    void repeatedKeys_neverShareABatch_theLastWriteWins_andEachWriteIsReadBackAsWritten() throws InterruptedException {
        String table = table();
        AtomicInteger finished = new AtomicInteger();
        PartProgress part = new PartProgress(new SourcePart("p", -1, -1, 0), true, p -> finished.incrementAndGet());
        LaneWriter lanes = new LaneWriter(new BatchItemWriter(ddb, Backoff.DEFAULT, 5), table, KEYS, 1, 25,
                new ReadBackChecker(ddb, Backoff.DEFAULT, 5, table, KEYS));

        for (int version = 1; version <= 5; version++) {
            lanes.submit(put("dup", "1", version), part);
            // "1.0" is the same number as "1": DynamoDB sees the same key
            lanes.submit(put("dup", version % 2 == 0 ? "1.0" : "1", 10 + version), part);
            lanes.submit(put("other-" + version, "1", version), part);
        }
        part.readDone();
        lanes.close();

        assertThat(lanes.failure()).isNull();
        assertThat(lanes.written()).isEqualTo(15);
        assertThat(finished).hasValue(1);
        var item = ddb.getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS("dup"), "sk", AttributeValue.fromN("1")))).item();
        assertThat(item.get("v").n()).isEqualTo("15");
        assertThat(ddb.scan(s -> s.tableName(table)).count()).isEqualTo(6);
        // Each of the ten writes of "dup" was checked against the version it wrote, not a later one.
        assertThat(part.readBackReport()).isEqualTo(new ReadBackReport(15, 15, 0, 0, List.of()));
    }

    @Test
    void withoutReadBack_aPartFinishesWhenItsWritesAreAcknowledged() throws InterruptedException {
        String table = table();
        AtomicInteger finished = new AtomicInteger();
        PartProgress part = new PartProgress(new SourcePart("p", -1, -1, 0), false, p -> finished.incrementAndGet());
        LaneWriter lanes = new LaneWriter(new BatchItemWriter(ddb, Backoff.DEFAULT, 5), table, KEYS, 3, 10, null);

        for (int i = 0; i < 40; i++) {
            lanes.submit(put("k" + i, "" + i, 1), part);
        }
        part.readDone();
        lanes.close();

        assertThat(lanes.failure()).isNull();
        assertThat(finished).hasValue(1);
        assertThat(part.readBackReport().expected()).isZero();
        assertThat(ddb.scan(s -> s.tableName(table)).count()).isEqualTo(40);
    }

    @Test
    void aFailedWrite_stopsTheLanes_andLeavesThePartUnfinished() throws InterruptedException {
        AtomicInteger finished = new AtomicInteger();
        PartProgress part = new PartProgress(new SourcePart("p", -1, -1, 0), true, p -> finished.incrementAndGet());
        String missing = "no-such-table-" + System.nanoTime();
        LaneWriter lanes = new LaneWriter(new BatchItemWriter(ddb, Backoff.DEFAULT, 2), missing, KEYS, 2, 25,
                new ReadBackChecker(ddb, Backoff.DEFAULT, 2, missing, KEYS));

        for (int i = 0; i < 60; i++) {
            lanes.submit(put("k" + i, "1", 1), part);
        }
        part.readDone();
        lanes.close();

        assertThat(lanes.failure()).isNotNull();
        assertThat(lanes.written()).isZero();
        assertThat(finished).hasValue(0);
    }
}
