package dev.ddbbackup.recovery.source;

import static dev.ddbbackup.backup.AllTypesTable.item;
import static dev.ddbbackup.recovery.source.NativeExportFixture.changeLine;
import static dev.ddbbackup.recovery.source.NativeExportFixture.itemLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.FormatJson;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads native exports from S3 (moto's) through the real SDK: one that moto's ExportTableToPointInTime
 * wrote, and fixtures in the layout AWS documents, for chains, incremental records and damage.
 *
 * <p>moto 5.2.1 deviates from AWS (seen by running it; its TableExport model): it writes only one data
 * file, {@code {prefix}/AWSDynamoDB/{uuid}/data/{uuid}.gz}, and no manifest-summary.json,
 * manifest-files.json, .md5 files or _started; the folder uuid is not the export id, and the export
 * ARN it returns is malformed ({@code table/<table ARN>/import/<hex>}); DescribeExport has no
 * ExportTime, its BilledSizeBytes counts items rather than bytes, and without an ExportFormat it
 * reports "DYNAMO_JSON"; an INCREMENTAL_EXPORT request is accepted but writes a full snapshot of
 * {@code {"Item":...}} lines, so moto cannot produce Keys/NewImage/OldImage records. Its data lines
 * do have the AWS shape (Python's json.dumps spacing and escapes, which is valid JSON). So the moto
 * test checks moto's data lines under manifests written here, and the fixture tests cover the rest.
 */
@ExtendWith(MotoExtension.class)
class NativeExportSourceIT {

    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-14T10:15:00Z");
    private static final Instant T2 = Instant.parse("2026-01-14T11:00:00Z");

    private static S3Client s3;
    private static DynamoDbClient ddb;
    private static String bucket;

    @BeforeAll
    static void clients(MotoServer moto) {
        s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
        ddb = moto.configure(DynamoDbClient.builder()).build();
        bucket = UniqueName.next("exports");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
        ddb.close();
    }

    @Test
    void motoExport_verifiesAndEveryItemRoundTrips() throws Exception {
        String table = UniqueName.next("orders");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        ddb.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        Map<String, Map<String, AttributeValue>> written = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(item(i));
            written.put("item#" + i, item(i));
        }
        BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, 10);
        writer.put(table, batch.subList(0, 20));
        writer.put(table, batch.subList(20, 40));
        String tableArn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        String prefix = UniqueName.next("moto");

        String exportArn = ddb.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket(bucket).s3Prefix(prefix)
                .exportFormat(ExportFormat.DYNAMODB_JSON)).exportDescription().exportArn();
        ExportDescription export = awaitExport(exportArn);

        assertThat(export.exportStatus()).isEqualTo(ExportStatus.COMPLETED);
        List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix + "/AWSDynamoDB/")).contents();
        // moto writes the data file alone; if it ever writes manifests, drop the ones written below.
        assertThat(objects).singleElement().extracting(S3Object::key).asString().matches(".*/data/[^/]+\\.gz");
        String dataKey = objects.get(0).key();
        String folder = dataKey.substring(0, dataKey.indexOf("/data/") + 1);
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(dataKey)).asByteArray();
        writeManifests(folder, tableArn, dataKey, export.itemCount(), NativeExportFixture.md5(stored));

        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(folder));
        List<SourcePart> parts = source.parts();
        List<ItemOperation> inspected = new ArrayList<>();
        source.verify(parts.get(0), inspected::add);
        List<ItemOperation> streamed = readAll(source, parts.get(0));

        assertThat(parts).containsExactly(new SourcePart(dataKey, 40, -1, 0));
        assertThat(inspected).hasSize(40);
        assertThat(streamed).hasSize(40).allSatisfy(op -> assertThat(op.kind()).isEqualTo(ItemOperation.Kind.PUT));
        for (ItemOperation op : streamed) {
            Map<String, AttributeValue> expected = written.remove(op.attributes().get("pk").s());
            assertThat(expected).as("item %s exported once", op.attributes().get("pk").s()).isNotNull();
            assertThat(ItemEquivalence.firstDifference(expected, op.attributes())).isEmpty();
        }
        assertThat(written).isEmpty();
        assertThat(source.table()).isEmpty();
        assertThat(source.warnings()).isEmpty();
        assertThat(source.format()).isEqualTo("native-export");
        assertThat(source.description()).isEqualTo("s3://" + bucket + "/" + folder);
    }

    @Test
    void chain_givenOutOfOrder_isAppliedFullThenEachIncrementalWithPutsUpdatesAndDeletes() throws IOException {
        String prefix = UniqueName.next("chain") + "/";
        // Full export at T0: items 1-6 in two partitions, and an empty partition file as DynamoDB writes.
        NativeExportFixture full = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(prefix)
                .file(itemLine(item(1)), itemLine(item(2)), itemLine(item(3)))
                .file()
                .file(itemLine(item(4)), itemLine(item(5)), itemLine(item(6)));
        // T0-T1 (NEW_AND_OLD_IMAGES): insert 7, update 2, delete 3.
        Map<String, AttributeValue> item2v2 = with(item(2), "state", "shipped");
        NativeExportFixture first = NativeExportFixture.incremental("01768385700000-i0000001", T0, T1).prefix(prefix)
                .file(changeLine(1, key(7), null, item(7)), changeLine(2, key(2), item(2), item2v2))
                .file(changeLine(3, key(3), item(3), null));
        // T1-T2: delete 7 as the NEW_IMAGE view records it (keys only), update 1, re-create 3.
        Map<String, AttributeValue> item1v2 = with(item(1), "state", "returned");
        Map<String, AttributeValue> item3v2 = with(item(3), "state", "again");
        NativeExportFixture second = NativeExportFixture.incremental("01768386600000-i0000002", T1, T2).prefix(prefix)
                .file(changeLine(4, key(7), null, null))
                .file(changeLine(5, key(1), item(1), item1v2), changeLine(6, key(3), null, item3v2));
        List<String> folders = List.of(second.write(s3, bucket), full.write(s3, bucket), first.write(s3, bucket));

        NativeExportSource source = NativeExportSource.open(s3, bucket, folders);
        List<SourcePart> parts = source.parts();

        assertThat(parts).containsExactly(
                new SourcePart(full.dataKey(0), 3, -1, 0), new SourcePart(full.dataKey(1), 0, -1, 0),
                new SourcePart(full.dataKey(2), 3, -1, 0),
                new SourcePart(first.dataKey(0), 2, -1, 1), new SourcePart(first.dataKey(1), 1, -1, 1),
                new SourcePart(second.dataKey(0), 1, -1, 2), new SourcePart(second.dataKey(1), 2, -1, 2));
        assertThat(first.dataKey(0)).startsWith(prefix + "AWSDynamoDB/data/");
        AtomicLong inspected = new AtomicLong();
        parts.forEach(part -> source.verify(part, op -> inspected.incrementAndGet()));
        assertThat(inspected).hasValue(12);
        Map<String, Map<String, AttributeValue>> table = new HashMap<>();
        for (SourcePart part : parts) {
            for (ItemOperation op : readAll(source, part)) {
                String pk = op.attributes().get("pk").s();
                if (op.kind() == ItemOperation.Kind.PUT) {
                    table.put(pk, op.attributes());
                } else {
                    assertThat(op.attributes()).containsOnlyKeys("pk");
                    table.remove(pk);
                }
            }
        }
        Map<String, Map<String, AttributeValue>> expected = Map.of("item#1", item1v2, "item#2", item2v2,
                "item#3", item3v2, "item#4", item(4), "item#5", item(5), "item#6", item(6));
        assertThat(table).containsOnlyKeys(expected.keySet());
        expected.forEach((pk, item) -> assertThat(ItemEquivalence.firstDifference(item, table.get(pk))).as(pk).isEmpty());
        assertThat(source.warnings()).isEmpty();
        // A reader closed half-way aborts its download; the client keeps working.
        try (OperationReader reader = source.open(parts.get(0))) {
            assertThat(reader.next()).isNotNull();
        }
        source.verify(parts.get(0), op -> { });
    }

    @Test
    void open_whenFirstExportIsIncremental_warnsThatTheTargetMustHoldItsStartState() {
        String prefix = UniqueName.next("onlyinc") + "/";
        String folder = NativeExportFixture.incremental("01768385700000-i0000001", T0, T1).prefix(prefix)
                .file(changeLine(1, key(1), null, item(1))).write(s3, bucket);

        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(folder + "manifest-summary.json"));

        assertThat(source.parts()).hasSize(1);
        assertThat(source.warnings()).singleElement().asString()
                .contains("is incremental", "must already hold the table as it was at " + T0);
    }

    @Test
    void open_whenGapBetweenExports_refusesBeforeReadingData() {
        String prefix = UniqueName.next("gap") + "/";
        String full = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(prefix)
                .file(itemLine(item(1))).write(s3, bucket);
        String late = NativeExportFixture.incremental("01768386600000-i0000002", T1, T2).prefix(prefix)
                .file(changeLine(1, key(1), null, null)).write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(full, late)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gap between " + full + " (full export at " + T0 + ") and " + late)
                .hasMessageContaining("writes made from " + T0 + " to " + T1 + " are in neither export");
    }

    @Test
    void open_whenIncrementalWindowsOverlap_refuses() {
        String prefix = UniqueName.next("overlap") + "/";
        String a = NativeExportFixture.incremental("01768385700000-i0000001", T0, T1).prefix(prefix)
                .file(changeLine(1, key(1), null, item(1))).write(s3, bucket);
        String b = NativeExportFixture.incremental("01768386600000-i0000002", T0.plusSeconds(300), T2).prefix(prefix)
                .file(changeLine(1, key(2), null, item(2))).write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(b, a)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("incremental exports overlap: " + a)
                .hasMessageContaining(b);
    }

    @Test
    void open_whenExportsOfDifferentTables_refuses() {
        String prefix = UniqueName.next("tables") + "/";
        String orders = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(prefix)
                .file(itemLine(item(1))).write(s3, bucket);
        String invoices = NativeExportFixture.incremental("01768385700000-i0000001", T0, T1).prefix(prefix)
                .tableArn("arn:aws:dynamodb:us-east-1:123456789012:table/invoices")
                .file(changeLine(1, key(1), null, null)).write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(orders, invoices)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exports of different tables");
    }

    @Test
    void open_whenIonExport_refusesAsUnsupported() {
        String folder = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(UniqueName.next("ion") + "/")
                .outputFormat("ION").file(itemLine(item(1))).write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(folder)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(folder + " is an Amazon Ion export");
    }

    @Test
    void open_whenNoSummary_saysThereIsNoExport() {
        String folder = UniqueName.next("empty") + "/AWSDynamoDB/01768384800000-f0000001/";

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(folder)))
                .isInstanceOf(BackupNotFoundException.class)
                .hasMessageContaining("no export at s3://" + bucket + "/" + folder);
    }

    @Test
    void open_whenManifestCountsDisagreeWithSummary_refusesNamingManifestFiles() {
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("sum") + "/").file(itemLine(item(1)), itemLine(item(2))).summaryItemCount(3);
        String folder = export.write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(folder)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(folder + "manifest-files.json: lists 2 items in all, manifest-summary.json says 3");
    }

    @Test
    void open_whenManifestNamesKeyOutsideTheExport_refuses() {
        byte[] gz = NativeExportFixture.gzip(itemLine(item(1)) + "\n");
        String folder = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(UniqueName.next("escape") + "/")
                .file(new NativeExportFixture.DataFile(gz, 1, NativeExportFixture.md5(gz), null,
                        "AWSDynamoDB/01768384800000-f0000001/data/../../../other-team/secrets.json.gz"))
                .write(s3, bucket);

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(folder)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(folder + "manifest-files.json: line 1: data file key")
                .hasMessageContaining("'..'");
    }

    @Test
    void open_whenManifestFilesDoesNotMatchItsMd5File_refuses() {
        String folder = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(UniqueName.next("md5f") + "/")
                .file(itemLine(item(1))).write(s3, bucket);
        s3.putObject(b -> b.bucket(bucket).key(folder + "manifest-files.md5"),
                RequestBody.fromString("AAAAAAAAAAAAAAAAAAAAAA=="));

        assertThatThrownBy(() -> NativeExportSource.open(s3, bucket, List.of(folder)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(folder + "manifest-files.json: MD5 ")
                .hasMessageContaining("does not match " + folder + "manifest-files.md5");
    }

    @Test
    void verify_whenMd5DoesNotMatch_namesTheFile() {
        String content = itemLine(item(1)) + "\n" + itemLine(item(2)) + "\n";
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("md5") + "/")
                .file(NativeExportFixture.DataFile.of(content, 2, "AAAAAAAAAAAAAAAAAAAAAA=="));
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(export.dataKey(0) + ": MD5 ")
                .hasMessageContaining("does not match manifest-files.json's AAAAAAAAAAAAAAAAAAAAAA==");
    }

    @Test
    void verify_whenItemCountDiffers_namesTheFile() {
        String content = itemLine(item(1)) + "\n" + itemLine(item(2)) + "\n";
        byte[] gz = NativeExportFixture.gzip(content);
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("count") + "/")
                .file(new NativeExportFixture.DataFile(gz, 3, NativeExportFixture.md5(gz), null, null));
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(export.dataKey(0) + ": holds 2 items, manifest-files.json says 3");
    }

    @Test
    void verify_whenGzipIsTruncated_namesTheFile() {
        byte[] whole = NativeExportFixture.gzip(itemLine(item(1)) + "\n" + itemLine(item(2)) + "\n");
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("trunc") + "/")
                .file(new NativeExportFixture.DataFile(truncated, 2, NativeExportFixture.md5(truncated), null, null));
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(export.dataKey(0) + ": truncated or corrupt gzip");
    }

    @Test
    void verifyAndOpen_whenLineIsMalformed_nameTheFileAndLine() {
        NativeExportFixture export = NativeExportFixture.incremental("01768385700000-i0000001", T0, T1)
                .prefix(UniqueName.next("malformed") + "/")
                .file(changeLine(1, key(1), null, item(1)), "{\"Keys\":{\"pk\":{\"S\":\"item#2\"}},\"NewImage\":{\"pk\":{\"X\":\"?\"}}}");
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));
        SourcePart part = source.parts().get(0);

        assertThatThrownBy(() -> source.verify(part, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(export.dataKey(0) + ": line 2, at NewImage.pk: unknown type key 'X'");
        assertThatThrownBy(() -> readAll(source, part))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(export.dataKey(0) + ": line 2, at NewImage.pk: unknown type key 'X'");
    }

    @Test
    void verify_whenInspectorThrows_propagatesItUnchanged() {
        String folder = NativeExportFixture.full("01768384800000-f0000001", T0).prefix(UniqueName.next("inspect") + "/")
                .file(itemLine(item(1)), itemLine(item(2))).write(s3, bucket);
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(folder));
        IllegalStateException refusal = new IllegalStateException("key attributes do not match the target table");

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> {
            throw refusal;
        })).isSameAs(refusal);
    }

    @Test
    void open_afterVerify_readsOnlyTheVerifiedVersion_andRefusesAFileOverwrittenSince() throws IOException {
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("pinned") + "/").file(itemLine(item(1)), itemLine(item(2)));
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));
        SourcePart part = source.parts().get(0);
        source.verify(part, op -> { });
        assertThat(readAll(source, part)).hasSize(2);

        s3.putObject(b -> b.bucket(bucket).key(export.dataKey(0)),
                RequestBody.fromBytes(NativeExportFixture.gzip(itemLine(item(1)) + "\n" + itemLine(item(3)) + "\n")));

        assertThatThrownBy(() -> readAll(source, part))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(export.dataKey(0) + ": was overwritten after it was verified");
    }

    @Test
    void verify_whenDataFileIsMissing_namesIt() {
        NativeExportFixture export = NativeExportFixture.full("01768384800000-f0000001", T0)
                .prefix(UniqueName.next("missing") + "/").file(itemLine(item(1)));
        NativeExportSource source = NativeExportSource.open(s3, bucket, List.of(export.write(s3, bucket)));
        s3.deleteObject(b -> b.bucket(bucket).key(export.dataKey(0)));

        assertThatThrownBy(() -> source.verify(source.parts().get(0), op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(export.dataKey(0) + ": data file is missing");
    }

    private static List<ItemOperation> readAll(NativeExportSource source, SourcePart part) throws IOException {
        List<ItemOperation> ops = new ArrayList<>();
        try (OperationReader reader = source.open(part)) {
            ItemOperation op;
            while ((op = reader.next()) != null) {
                ops.add(op);
            }
        }
        return ops;
    }

    private static ExportDescription awaitExport(String exportArn) throws InterruptedException {
        ExportDescription export = ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription();
        for (int i = 0; i < 100 && export.exportStatus() == ExportStatus.IN_PROGRESS; i++) {
            Thread.sleep(100);
            export = ddb.describeExport(b -> b.exportArn(exportArn)).exportDescription();
        }
        return export;
    }

    /** The manifests AWS would have written next to moto's data file (see the class comment). */
    private static void writeManifests(String folder, String tableArn, String dataKey, long itemCount, String md5) {
        ObjectNode files = FormatJson.MAPPER.createObjectNode().put("itemCount", itemCount).put("md5Checksum", md5)
                .put("etag", "00000000000000000000000000000000-1").put("dataFileS3Key", dataKey);
        s3.putObject(b -> b.bucket(bucket).key(folder + "manifest-files.json"), RequestBody.fromString(files + "\n"));
        ObjectNode summary = FormatJson.MAPPER.createObjectNode().put("version", "2020-06-30")
                .put("tableArn", tableArn).put("exportTime", Instant.now().toString())
                .put("manifestFilesS3Key", folder + "manifest-files.json").put("itemCount", itemCount)
                .put("outputFormat", "DYNAMODB_JSON");
        s3.putObject(b -> b.bucket(bucket).key(folder + "manifest-summary.json"),
                RequestBody.fromBytes(summary.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, String value) {
        Map<String, AttributeValue> changed = new LinkedHashMap<>(item);
        changed.put(name, AttributeValue.fromS(value));
        return changed;
    }

    private static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", AttributeValue.fromS("item#" + i));
    }
}
