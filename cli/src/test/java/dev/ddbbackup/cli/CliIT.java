package dev.ddbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.cli.CliProcess.Result;
import dev.ddbbackup.cli.demo.DemoEnvironment;
import dev.ddbbackup.cli.demo.DemoItems;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CLI as a user runs it: a separate JVM configured only by the standard SDK environment
 * variables (AWS_ENDPOINT_URL_*, AWS_REGION, credentials), checked by exit code and output.
 */
@ExtendWith({DynamoDbLocalExtension.class, S3EmulatorExtension.class})
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbLocal ddbLocal;
    private final S3Emulator s3Emulator;

    CliIT(DynamoDbLocal ddbLocal, S3Emulator s3Emulator) {
        this.ddbLocal = ddbLocal;
        this.s3Emulator = s3Emulator;
    }

    @Test
    void backupListVerify_thenOneAlteredByte_failsVerifyNamingThePart() throws Exception {
        String table = UniqueName.next("cli");
        String bucket = s3Emulator.createUniqueBucket("cli");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            DemoEnvironment.createTable(ddb, table);
            DemoEnvironment.load(ddb, table, 300, 2, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        }

        Result backup = run("backup", "--table", table, "--bucket", bucket, "--segments", "3", "--json");
        assertThat(backup.code).as(backup.err).isZero();
        JsonNode b = JSON.readTree(backup.out);
        assertThat(b.get("ok").asBoolean()).isTrue();
        String backupId = b.get("tables").get(0).get("backupId").asText();
        assertThat(b.get("tables").get(0).get("items").asLong()).isEqualTo(300);

        Result list = run("list", "--bucket", bucket, "--table", table);
        assertThat(list.code).isZero();
        assertThat(list.out).contains(backupId).contains("300");

        Result verify = run("verify", "--bucket", bucket, "--table", table);
        assertThat(verify.code).as(verify.err).isZero();
        assertThat(verify.out).startsWith("OK ").contains("300 items in 3 data files");

        String part;
        try (S3Client s3 = s3Emulator.newClient()) {
            part = s3.listObjectsV2(r -> r.bucket(bucket).prefix("dynamodb-backups/" + table + "/" + backupId + "/data/"))
                    .contents().get(1).key();
            byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(part)).asByteArray();
            bytes[bytes.length / 3] ^= 0x40;
            s3.putObject(r -> r.bucket(bucket).key(part), RequestBody.fromBytes(bytes));
        }

        Result tampered = run("verify", "--bucket", bucket, "--table", table, "--backup-id", backupId);
        assertThat(tampered.code).isEqualTo(1);
        assertThat(tampered.err).contains("FAILED").contains(part + ": ");
    }

    @Test
    void backup_withFormatDataPipeline_writesThatFormat_andVerifyParsesIt_whileAnUnknownFormatIsBadUsage() throws Exception {
        String table = UniqueName.next("cli");
        String bucket = s3Emulator.createUniqueBucket("cli");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            DemoEnvironment.createTable(ddb, table);
            DemoEnvironment.load(ddb, table, 200, 2, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        }

        Result backup = run("backup", "--table", table, "--bucket", bucket, "--segments", "2", "--format", "datapipeline", "--json");
        assertThat(backup.code).as(backup.err).isZero();
        String backupId = JSON.readTree(backup.out).get("tables").get(0).get("backupId").asText();
        try (S3Client s3 = s3Emulator.newClient()) {
            String manifest = s3.getObjectAsBytes(r -> r.bucket(bucket).key("dynamodb-backups/" + table + "/" + backupId + "/manifest.json"))
                    .asUtf8String();
            assertThat(JSON.readTree(manifest).get("outputFormat").asText()).isEqualTo("DATA_PIPELINE");
        }
        Result verify = run("verify", "--bucket", bucket, "--table", table);
        assertThat(verify.code).as(verify.err).isZero();
        assertThat(verify.out).startsWith("OK ").contains("200 items in 2 data files");

        Result unknown = run("backup", "--table", table, "--bucket", bucket, "--format", "parquet");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err.strip()).startsWith("error: --format: must be one of dynamodb-json, datapipeline, got 'parquet'");
        try (S3Client s3 = s3Emulator.newClient()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("dynamodb-backups/" + table + "/")).contents())
                    .as("the refused run wrote nothing").allMatch(o -> o.key().contains("/" + backupId + "/"));
        }
    }

    @Test
    void badUsage_exitsTwoWithOneLineNamingTheOption() throws Exception {
        Result noBucket = run("backup", "--table", "Orders");
        assertThat(noBucket.code).isEqualTo(2);
        assertThat(noBucket.err).contains("--bucket");

        Result zeroSegments = run("backup", "--table", "Orders", "--bucket", "some-bucket", "--segments", "0");
        assertThat(zeroSegments.code).isEqualTo(2);
        assertThat(zeroSegments.err.strip()).isEqualTo("error: segments: must be between 1 and 1000, got 0");

        Result tooMany = run("backup", "--table", "Orders", "--bucket", "some-bucket", "--segments", "1001");
        assertThat(tooMany.code).isEqualTo(2);

        Result prefix = run("list", "--bucket", "some-bucket", "--prefix", "a/../b");
        assertThat(prefix.code).isEqualTo(2);
        assertThat(prefix.err).startsWith("error: --prefix: must not contain '.' or '..' segments");

        Result badTable = run("verify", "--bucket", "some-bucket", "--table", "x");
        assertThat(badTable.code).isEqualTo(2);
        assertThat(badTable.err).contains("--table: 'x' is not a valid table name");

        Result unknown = run("frobnicate");
        assertThat(unknown.code).isEqualTo(2);

        Result concurrency = run("backup", "--table", "Orders", "--bucket", "some-bucket", "--concurrency", "0");
        assertThat(concurrency.code).isEqualTo(2);
        assertThat(concurrency.err.strip()).isEqualTo("error: concurrency: must be between 1 and 64, got 0");

        Result help = run("verify", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("--backup-id").contains("--quick");
    }

    @Test
    void missingTableOrBucket_exitsOneNamingTheProblem() throws Exception {
        String bucket = s3Emulator.createUniqueBucket("cli");

        Result missingTable = run("backup", "--table", "NoSuchTable", "--bucket", bucket);
        assertThat(missingTable.code).isEqualTo(1);
        assertThat(missingTable.err).contains("table 'NoSuchTable' does not exist");

        Result missingBucket = run("backup", "--table", "NoSuchTable", "--bucket", "no-such-bucket-cli");
        assertThat(missingBucket.code).isEqualTo(1);
        assertThat(missingBucket.err).contains("bucket 'no-such-bucket-cli' does not exist");

        Result noBackup = run("verify", "--bucket", bucket, "--table", DemoItems.TABLE);
        assertThat(noBackup.code).isEqualTo(1);
        assertThat(noBackup.err).startsWith("error: no complete backup of DemoOrders");
    }

    @Test
    void backupThenRestore_intoANewTable_exitsZero_createsItFromTheBackup_andEveryItemIsEqual() throws Exception {
        String table = UniqueName.next("cli");
        String target = UniqueName.next("restored");
        String bucket = s3Emulator.createUniqueBucket("cli");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            DemoEnvironment.createTable(ddb, table);
            DemoEnvironment.load(ddb, table, 400, 2, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        }
        Result backup = run("backup", "--table", table, "--bucket", bucket, "--segments", "3");
        assertThat(backup.code).as(backup.err).isZero();

        Result restore = run("restore", "--bucket", bucket, "--table", table, "--target-table", target, "--batch-size", "10",
                "--concurrency", "3", "--mode", "fail_if_exists");

        assertThat(restore.code).as(restore.out + restore.err).isZero();
        assertThat(restore.out).contains("-> table " + target + " (created from the backup's schema)")
                .contains("verify     OK")
                .contains("write      400 of 400 items, 3 of 3 data files finished")
                .contains("read-back  400 items read back: 400 equal, 0 different, 0 missing (100.00%")
                .contains("SUCCEEDED in ");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            assertThat(ddb.describeTable(d -> d.tableName(target)).table().globalSecondaryIndexes())
                    .singleElement().satisfies(g -> assertThat(g.indexName()).isEqualTo(DemoItems.GSI));
            Map<String, Map<String, AttributeValue>> restored = new HashMap<>();
            ddb.scanPaginator(r -> r.tableName(target)).items().forEach(i -> restored.put(i.get("pk").s(), i));
            assertThat(restored).hasSize(400);
            for (long i = 0; i < 400; i++) {
                Map<String, AttributeValue> expected = DemoItems.item(i);
                Map<String, AttributeValue> actual = restored.get(expected.get("pk").s());
                assertThat(ItemEquivalence.equivalent(expected, actual))
                        .as("item %d: %s", i, ItemEquivalence.firstDifference(expected, actual)).isTrue();
            }
        }

        // the same restore again: the checkpoint says SUCCEEDED, and the target now exists
        String restoreId = restore.out.lines().findFirst().orElseThrow().replaceFirst("^restore (\\S+):.*$", "$1");
        Result resume = run("restore", "--bucket", bucket, "--resume", restoreId);
        assertThat(resume.code).isEqualTo(2);
        assertThat(resume.err.strip()).isEqualTo("error: restore_id: restore " + restoreId + " already SUCCEEDED; nothing to resume");
        Result again = run("restore", "--bucket", bucket, "--table", table, "--target-table", target, "--mode", "fail_if_exists");
        assertThat(again.code).isEqualTo(2);
        assertThat(again.err).startsWith("error: mode: table " + target + " already exists");
    }

    @Test
    void restore_withBadOptions_exitsTwoNamingTheField_andCreatesNothing() throws Exception {
        String table = UniqueName.next("cli");
        String target = UniqueName.next("never");
        String bucket = s3Emulator.createUniqueBucket("cli");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            DemoEnvironment.createTable(ddb, table);
            DemoEnvironment.load(ddb, table, 20, 1, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        }
        assertThat(run("backup", "--table", table, "--bucket", bucket).code).isZero();

        Result batch = run("restore", "--bucket", bucket, "--table", table, "--target-table", target, "--batch-size", "26");
        assertThat(batch.code).isEqualTo(2);
        assertThat(batch.err.strip()).isEqualTo("error: batch_size: must be between 1 and 25 (BatchWriteItem takes at most 25 items), got 26");

        Result mode = run("restore", "--bucket", bucket, "--table", table, "--target-table", target, "--mode", "merge");
        assertThat(mode.code).isEqualTo(2);
        assertThat(mode.err.strip()).isEqualTo("error: mode: must be overwrite or fail_if_exists, got 'merge'");

        Result lanes = run("restore", "--bucket", bucket, "--table", table, "--target-table", target, "--concurrency", "65");
        assertThat(lanes.code).isEqualTo(2);
        assertThat(lanes.err.strip()).isEqualTo("error: --concurrency: must be between 1 and 64, got 65");

        Result noTable = run("restore", "--bucket", bucket);
        assertThat(noTable.code).isEqualTo(2);
        assertThat(noTable.err).startsWith("error: --table: is required");

        Result resumeWithTable = run("restore", "--bucket", bucket, "--table", table, "--resume", "x-1");
        assertThat(resumeWithTable.code).isEqualTo(2);
        assertThat(resumeWithTable.err).startsWith("error: --resume: ").contains("leave out --table");

        Result unknownRestore = run("restore", "--bucket", bucket, "--resume", "NoSuchRestore-20260101T000000Z-0000");
        assertThat(unknownRestore.code).isEqualTo(2);
        assertThat(unknownRestore.err).startsWith("error: restore_id: no checkpoint s3://" + bucket + "/dynamodb-backups/.restores/");

        Result noBackup = run("restore", "--bucket", bucket, "--table", "NoSuchTable", "--target-table", target);
        assertThat(noBackup.code).isEqualTo(1);
        assertThat(noBackup.err).startsWith("error: no complete backup of table NoSuchTable");

        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            assertThat(ddb.listTables().tableNames()).doesNotContain(target);
        }
    }

    @Test
    void restore_ofATamperedBackup_exitsOne_namingTheFile_andWritesNothing() throws Exception {
        String table = UniqueName.next("cli");
        String target = UniqueName.next("never");
        String bucket = s3Emulator.createUniqueBucket("cli");
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            DemoEnvironment.createTable(ddb, table);
            DemoEnvironment.load(ddb, table, 200, 2, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        }
        Result backup = run("backup", "--table", table, "--bucket", bucket, "--segments", "2", "--json");
        assertThat(backup.code).as(backup.err).isZero();
        String backupId = JSON.readTree(backup.out).get("tables").get(0).get("backupId").asText();
        String part;
        try (S3Client s3 = s3Emulator.newClient()) {
            part = s3.listObjectsV2(r -> r.bucket(bucket).prefix("dynamodb-backups/" + table + "/" + backupId + "/data/"))
                    .contents().get(1).key();
            byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(part)).asByteArray();
            bytes[bytes.length / 2] ^= 0x01;
            s3.putObject(r -> r.bucket(bucket).key(part), RequestBody.fromBytes(bytes));
        }

        Result restore = run("restore", "--bucket", bucket, "--table", table, "--backup-id", backupId, "--target-table", target, "--json");

        assertThat(restore.code).as(restore.err).isEqualTo(1);
        JsonNode r = JSON.readTree(restore.out);
        assertThat(r.get("ok").asBoolean()).isFalse();
        assertThat(r.get("status").asText()).isEqualTo("FAILED");
        assertThat(r.get("itemsWritten").asLong()).isZero();
        assertThat(r.get("finishedParts")).isEmpty();
        assertThat(r.get("error").asText()).startsWith("refused before the first write").contains(part);
        try (DynamoDbClient ddb = ddbLocal.newClient()) {
            assertThat(ddb.listTables().tableNames()).as("no table is created for a damaged backup").doesNotContain(target);
        }

        Result human = run("restore", "--bucket", bucket, "--table", table, "--target-table", target);
        assertThat(human.code).isEqualTo(1);
        assertThat(human.out).contains("verify     FAILED, nothing written").contains("write      nothing written").contains("FAILED in ");
        assertThat(human.err).startsWith("error: refused before the first write: ").contains(part);
    }

    @Test
    void demo_backsUpDropsAndRestoresTheTable_readingEveryItemBack() throws Exception {
        Result demo = run("demo", "--items", "300", "--segments", "2", "--json");

        assertThat(demo.code).as(demo.err).isZero();
        JsonNode r = JSON.readTree(demo.out);
        assertThat(r.get("verified").asBoolean()).isTrue();
        assertThat(r.get("tableDeletedAndRestored").asBoolean()).isTrue();
        assertThat(r.get("restoreStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(r.get("restoreTableCreated").asBoolean()).isTrue();
        assertThat(r.get("restoreIndexes").asText()).isEqualTo(DemoItems.GSI);
        assertThat(r.get("restoreItemsWritten").asLong()).isEqualTo(300);
        assertThat(r.get("readBackExpected").asLong()).isEqualTo(300);
        assertThat(r.get("readBackEqual").asLong()).isEqualTo(300);
        assertThat(r.get("readBackDifferent").asLong() + r.get("readBackMissing").asLong()).isZero();
        assertThat(r.get("restoreSeconds").asDouble()).isGreaterThanOrEqualTo(r.get("restoreWriteSeconds").asDouble());
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return CliProcess.run(Map.of("AWS_ENDPOINT_URL_DYNAMODB", ddbLocal.endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", s3Emulator.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator"), args);
    }
}
