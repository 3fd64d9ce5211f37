package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** LegacyJsonSource against S3Mock, with files python3 wrote as the seed backup function does. */
@ExtendWith(S3EmulatorExtension.class)
class LegacyJsonSourceIT {

    private static final List<String> ITEMS = List.of(
            "{\"pk\": \"order-1\", \"price\": 12.5, \"big\": 12345678901234567890.0}",
            "{\"pk\": \"order-2\", \"nested\": {\"qty\": \"3\"}, \"tags\": \"{'a', 'b'}\"}",
            "{\"pk\": \"\u6771\u4eac \uD83D\uDE00\", \"ok\": true}");

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket(S3Emulator emulator) {
        s3 = emulator.newClient();
        bucket = emulator.createUniqueBucket("legacy");
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void verifyThenOpen_whenFileIsIntact_passesAndStreamsTheSameItems() throws IOException {
        String key = put("dynamodb-backups/orders-backup-2024-05-06-07-08-09.json", LegacyDocuments.of(ITEMS));
        LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, key);

        List<SourcePart> parts = source.parts();
        List<ItemOperation> verified = new ArrayList<>();
        source.verify(parts.get(0), verified::add);
        List<ItemOperation> streamed = readAll(source, parts.get(0));

        assertThat(parts).containsExactly(new SourcePart(key, 3, sizeOf(key), 0));
        assertThat(streamed).isEqualTo(verified).hasSize(3);
        assertThat(streamed.get(0).attributes().get("big")).isEqualTo(AttributeValue.fromN("1.2345678901234567e+19"));
        assertThat(streamed.get(2).attributes().get("pk")).isEqualTo(AttributeValue.fromS("\u6771\u4eac \uD83D\uDE00"));
        assertThat(source.description()).isEqualTo("s3://" + bucket + "/" + key);
        assertThat(source.format()).isEqualTo("legacy-json");
        assertThat(source.table()).isEmpty();
        assertThat(source.warnings()).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("floats").contains("15-17 significant"))
                .anySatisfy(w -> assertThat(w).contains("nested numbers, sets and binary").contains("strings (S)"));
    }

    @Test
    void verify_whenAValueWasAltered_failsNamingTheKeyAndTheChecksum() {
        String key = put("dynamodb-backups/altered-backup-2024-05-06-07-08-09.json",
                LegacyDocuments.of(ITEMS).replace("12.5", "13.5"));
        LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, key);

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(key + ": checksum mismatch")
                .hasMessageNotContaining("13.5");
    }

    @Test
    void verify_whenObjectIsOverwrittenAfterListing_refusesToReadTheNewObject() {
        String key = put("dynamodb-backups/swapped-backup-2024-05-06-07-08-09.json", LegacyDocuments.of(ITEMS));
        LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, key);
        SourcePart part = source.parts().get(0);
        put(key, LegacyDocuments.of(ITEMS.subList(0, 1)));

        assertThatThrownBy(() -> source.verify(part, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(key + ": was overwritten after the restore listed it");
        assertThatThrownBy(() -> source.open(part))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(key + ": was overwritten after the restore listed it");
    }

    @Test
    void verify_whenManyItems_streamsThemAll() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add("{\"pk\": \"item-" + i + "\", \"n\": " + (i * 0.1) + ", \"text\": \"\u00e9t\u00e9 " + i + "\"}");
        }
        String key = put("dynamodb-backups/big-backup-2024-05-06-07-08-09.json", LegacyDocuments.of(items));
        LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, key);
        long[] count = {0};

        source.verify(source.parts().get(0), op -> count[0]++);

        assertThat(count[0]).isEqualTo(20_000);
        assertThat(source.parts().get(0).expectedItems()).isEqualTo(20_000);
    }

    @Test
    void open_whenNoObjectAtTheKey_throwsBackupNotFound() {
        assertThatThrownBy(() -> LegacyJsonSource.open(s3, bucket, "dynamodb-backups/none-backup-2024-05-06-07-08-09.json"))
                .isInstanceOf(BackupNotFoundException.class)
                .hasMessageContaining("no object s3://" + bucket + "/dynamodb-backups/none-backup-2024-05-06-07-08-09.json");
    }

    @Test
    void open_whenBucketOrKeyBlank_namesTheEventField() {
        assertThatThrownBy(() -> LegacyJsonSource.open(s3, "", "a.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup_bucket");
        assertThatThrownBy(() -> LegacyJsonSource.open(s3, bucket, " "))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backup_file");
    }

    @Test
    void open_whenPartFromAnotherSource_isRefused() {
        String key = put("dynamodb-backups/one-backup-2024-05-06-07-08-09.json", LegacyDocuments.of(ITEMS));
        LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, key);

        assertThatThrownBy(() -> source.open(new SourcePart("other.json", -1, -1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latestKey_picksTheGreatestTimestampInTheNameAcrossPages() {
        String latest = "dynamodb-backups/shop-backup-2024-11-30-23-59-59.json";
        put(latest, "{}");
        // Written after the latest, so LastModified would pick it.
        put("dynamodb-backups/shop-backup-2024-01-02-03-04-05.json", "{}");
        put("dynamodb-backups/shop-backup-2023-12-31-23-59-59.json", "{}");
        // Decoys sharing the prefix: another table's name, other suffixes, a malformed timestamp.
        put("dynamodb-backups/shop-backup-x-backup-2099-01-01-00-00-00.json", "{}");
        put("dynamodb-backups/shop-backup-2099-01-01-00-00-00.json.bak", "{}");
        put("dynamodb-backups/shop-backup-2099-1-1-0-0-0.json", "{}");
        put("dynamodb-backups/shopping-backup-2099-01-01-00-00-00.json", "{}");

        assertThat(LegacyJsonSource.latestKey(s3, bucket, "shop", 2)).hasValue(latest);
        assertThat(LegacyJsonSource.latestKey(s3, bucket, "shop")).hasValue(latest);
    }

    @Test
    void latestKey_whenTableHasNoLegacyFile_isEmpty() {
        assertThat(LegacyJsonSource.latestKey(s3, bucket, "no-such-table")).isEmpty();
    }

    @Test
    void latestKey_whenTableNameIsInvalid_failsBeforeAnyCall() {
        assertThatThrownBy(() -> LegacyJsonSource.latestKey(s3, bucket, "a/b"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("table_name");
    }

    static List<ItemOperation> readAll(RestoreSource source, SourcePart part) throws IOException {
        List<ItemOperation> operations = new ArrayList<>();
        try (OperationReader reader = source.open(part)) {
            ItemOperation operation;
            while ((operation = reader.next()) != null) {
                operations.add(operation);
            }
        }
        return operations;
    }

    private static String put(String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
        return key;
    }

    private static long sizeOf(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }
}
