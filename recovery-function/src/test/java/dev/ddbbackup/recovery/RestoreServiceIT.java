package dev.ddbbackup.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupRunResult;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.format.ManifestFileEntry;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.recovery.RestoreRequest.Mode;
import dev.ddbbackup.recovery.RestoreResult.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

@ExtendWith({DynamoDbLocalExtension.class, S3EmulatorExtension.class})
class RestoreServiceIT {

    private static AwsClients clients;
    private final DynamoDbClient ddb;
    private final S3Client s3;
    private final S3Emulator s3Emulator;
    private final BackupLayout layout = new BackupLayout("it");
    private final java.net.URI ddbEndpoint;

    RestoreServiceIT(DynamoDbLocal ddbLocal, S3Emulator s3Emulator) {
        this.s3Emulator = s3Emulator;
        this.ddbEndpoint = ddbLocal.endpoint();
        if (clients == null) {
            clients = new AwsClients(EmulatorClients.REGION, 32,
                    new AwsClients.Endpoints(ddbLocal.endpoint(), s3Emulator.endpoint(), null, null), EmulatorClients.credentialsProvider());
        }
        this.ddb = clients.dynamoDb();
        this.s3 = clients.s3();
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }

    /** A table of every attribute type, backed up into several small data files. */
    private record Backed(String table, String bucket, BackupRef ref, List<Map<String, AttributeValue>> items) {}

    private Backed backedUp(int items) {
        return backedUp(items, ItemLineFormat.DYNAMODB_JSON);
    }

    private Backed backedUp(int items, ItemLineFormat format) {
        String table = UniqueName.next("src");
        String bucket = s3Emulator.createUniqueBucket("rs");
        AllTypesTable.create(ddb, table);
        List<Map<String, AttributeValue>> written = AllTypesTable.fill(ddb, table, items);
        BackupService backup = new BackupService(ddb, s3, Notifier.none(), MetricsPublisher.none(),
                BackupOptions.DEFAULT.withMaxDataFileBytes(16 * 1024).withOutputFormat(format), Clock.systemUTC());
        BackupRunResult r = backup.run(new BackupRequest(List.of(table), bucket, layout, 4), Deadline.none());
        assertThat(r.ok()).as(r.summary()).isTrue();
        return new Backed(table, bucket, new BackupCatalog(s3, bucket, layout).latest(table).orElseThrow(), written);
    }

    private RestoreService service() {
        return new RestoreService(ddb, s3, layout, Notifier.none(), MetricsPublisher.none(), RestoreOptions.DEFAULT, Clock.systemUTC());
    }

    private static RestoreRequest request(Backed b, String target, Mode mode) {
        return new RestoreRequest(new SourceSpec.Backup(b.bucket(), "it", b.table(), null), target, mode, 25, null, null);
    }

    private Map<String, Map<String, AttributeValue>> scan(String table) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        ddb.scanPaginator(r -> r.tableName(table)).items().forEach(i -> out.put(i.get("pk").s(), i));
        return out;
    }

    private boolean exists(String table) {
        try {
            ddb.describeTable(r -> r.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    @Test
    void restore_intoNewTable_createsItWithIndexes_writesEveryItemOfEveryType_andReadsAllBack() {
        Backed b = backedUp(600);
        String target = UniqueName.next("restored");

        RestoreResult r = service().restore(request(b, target, null), Deadline.none());

        assertThat(r.status()).as(r.summary()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.tableCreated()).isTrue();
        assertThat(r.itemsExpected()).isEqualTo(600);
        assertThat(r.itemsWritten()).isEqualTo(600);
        assertThat(r.finishedParts()).hasSize(r.partsTotal()).hasSizeGreaterThan(4);
        assertThat(r.readBack().expected()).isEqualTo(600);
        assertThat(r.readBack().found()).isEqualTo(600);
        assertThat(r.readBack().validationRatePercent()).isEqualTo(100.0);
        TableDescription t = ddb.describeTable(d -> d.tableName(target)).table();
        assertThat(t.globalSecondaryIndexes()).singleElement().satisfies(g -> assertThat(g.indexName()).isEqualTo("byGk"));
        assertThat(t.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        Map<String, Map<String, AttributeValue>> restored = scan(target);
        assertThat(restored).hasSize(600);
        for (Map<String, AttributeValue> item : b.items()) {
            assertThat(ItemEquivalence.equivalent(item, restored.get(item.get("pk").s())))
                    .as("%s: %s", item.get("pk").s(), ItemEquivalence.firstDifference(item, restored.get(item.get("pk").s()))).isTrue();
        }
        // DynamoDB Local has no tagging or PITR: the result says so instead of failing
        assertThat(r.settings()).allMatch(s -> s.contains("not applied") || s.contains("enabled"));
    }

    @Test
    void restore_ofADataPipelineFormatBackup_createsTheTable_andEveryItemOfEveryTypeComesBackEqual() {
        Backed b = backedUp(300, ItemLineFormat.DATA_PIPELINE);
        BackupCatalog catalog = new BackupCatalog(s3, b.bucket(), layout);
        assertThat(catalog.readManifest(b.ref()).outputFormat()).isEqualTo(Manifest.DATA_PIPELINE);
        String target = UniqueName.next("fromdp");

        RestoreResult r = service().restore(request(b, target, null), Deadline.none());

        assertThat(r.status()).as(r.summary()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.tableCreated()).isTrue();
        assertThat(r.itemsWritten()).isEqualTo(300);
        assertThat(r.finishedParts()).hasSize(r.partsTotal()).hasSizeGreaterThan(4);
        assertThat(r.readBack().found()).isEqualTo(300);
        assertThat(r.readBack().validationRatePercent()).isEqualTo(100.0);
        assertThat(ddb.describeTable(d -> d.tableName(target)).table().globalSecondaryIndexes())
                .singleElement().satisfies(g -> assertThat(g.indexName()).isEqualTo("byGk"));
        Map<String, Map<String, AttributeValue>> restored = scan(target);
        assertThat(restored).hasSize(300);
        for (Map<String, AttributeValue> item : b.items()) {
            Map<String, AttributeValue> back = restored.get(item.get("pk").s());
            assertThat(ItemEquivalence.equivalent(item, back)).as("%s: %s", item.get("pk").s(), ItemEquivalence.firstDifference(item, back))
                    .isTrue();
        }
        // what was restored is what the source table holds, attribute for attribute
        Map<String, Map<String, AttributeValue>> source = scan(b.table());
        source.forEach((pk, item) -> assertThat(ItemEquivalence.firstDifference(item, restored.get(pk))).as(pk).isEmpty());
    }

    @Test
    void restore_whenTheManifestNamesAnUnknownOutputFormat_isRefusedBeforeTheFirstWrite_namingTheField() {
        Backed b = backedUp(20);
        String text = s3.getObjectAsBytes(g -> g.bucket(b.bucket()).key(b.ref().manifestKey())).asUtf8String();
        assertThat(text).contains("\"outputFormat\" : \"DYNAMODB_JSON\"");
        s3.putObject(p -> p.bucket(b.bucket()).key(b.ref().manifestKey()),
                RequestBody.fromString(text.replace("\"outputFormat\" : \"DYNAMODB_JSON\"", "\"outputFormat\" : \"CSV\"")));
        String target = UniqueName.next("never");

        RestoreResult r = service().restore(request(b, target, null), Deadline.none());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).isEqualTo("refused before the first write: " + b.ref().manifestKey() + ": manifest.json is not a valid "
                + "manifest: outputFormat 'CSV' is not a data format this tool reads (DYNAMODB_JSON, DATA_PIPELINE); upgrade "
                + "dynamodb-backup or correct the manifest");
        assertThat(r.itemsWritten()).isZero();
        assertThat(exists(target)).as("no table is created for a backup this tool cannot read").isFalse();
    }

    @Test
    void restore_intoExistingTable_overwritesEqualKeys_andKeepsOtherItems() {
        Backed b = backedUp(50);
        String target = UniqueName.next("existing");
        AllTypesTable.create(ddb, target);
        ddb.putItem(p -> p.tableName(target).item(Map.of("pk", AttributeValue.fromS("item#1"), "gk", AttributeValue.fromS("changed"))));
        ddb.putItem(p -> p.tableName(target).item(Map.of("pk", AttributeValue.fromS("other"), "gk", AttributeValue.fromS("kept"))));

        RestoreResult r = service().restore(request(b, target, Mode.OVERWRITE), Deadline.none());

        assertThat(r.status()).as(r.summary()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.tableCreated()).isFalse();
        Map<String, Map<String, AttributeValue>> after = scan(target);
        assertThat(after).hasSize(51);
        assertThat(after.get("item#1").get("gk").s()).isEqualTo("group1");
        assertThat(after.get("other").get("gk").s()).isEqualTo("kept");
    }

    @Test
    void failIfExists_refusesAnExistingTable_andWritesNothing() {
        Backed b = backedUp(10);
        String target = UniqueName.next("existing");
        AllTypesTable.create(ddb, target);

        assertThatThrownBy(() -> service().restore(request(b, target, Mode.FAIL_IF_EXISTS), Deadline.none()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mode").hasMessageContaining("already exists");
        assertThat(scan(target)).isEmpty();
    }

    @Test
    void keySchemaMismatch_isRefused_andWritesNothing() {
        Backed b = backedUp(10);
        String target = UniqueName.next("otherkey");
        ddb.createTable(c -> c.tableName(target).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("N"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));

        assertThatThrownBy(() -> service().restore(request(b, target, null), Deadline.none()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("target_table").hasMessageContaining("id N HASH")
                .hasMessageContaining("pk S HASH");
        assertThat(ddb.scan(s -> s.tableName(target)).count()).isZero();
    }

    @Test
    void oneAlteredByte_refusesTheBackupBeforeTheFirstWrite_andNamesTheFile() {
        Backed b = backedUp(200);
        BackupCatalog catalog = new BackupCatalog(s3, b.bucket(), layout);
        ManifestFileEntry last = catalog.readManifestFiles(b.ref(), catalog.readManifest(b.ref())).get(3);
        String key = layout.resolveDataKey(b.table(), b.ref().id(), last.dataFileS3Key());
        byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(b.bucket()).key(key)).asByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        s3.putObject(p -> p.bucket(b.bucket()).key(key), RequestBody.fromBytes(bytes));
        String target = UniqueName.next("never");

        RestoreResult r = service().restore(request(b, target, null), Deadline.none());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).startsWith("refused before the first write").contains(key);
        assertThat(r.itemsWritten()).isZero();
        assertThat(r.finishedParts()).isEmpty();
        assertThat(exists(target)).as("no table is created for a damaged backup").isFalse();
    }

    @Test
    void missingDataFile_refusesTheBackup_andNamesTheFile() {
        Backed b = backedUp(100);
        BackupCatalog catalog = new BackupCatalog(s3, b.bucket(), layout);
        ManifestFileEntry first = catalog.readManifestFiles(b.ref(), catalog.readManifest(b.ref())).get(0);
        String key = layout.resolveDataKey(b.table(), b.ref().id(), first.dataFileS3Key());
        s3.deleteObject(d -> d.bucket(b.bucket()).key(key));

        RestoreResult r = service().restore(request(b, UniqueName.next("never"), null), Deadline.none());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).contains(key).contains("missing");
        assertThat(r.itemsWritten()).isZero();
    }

    @Test
    void aFileOverwrittenAfterItWasVerified_isRefusedWhenItsTurnComes_insteadOfWrittenUnverified() {
        Backed b = backedUp(200);
        BackupCatalog catalog = new BackupCatalog(s3, b.bucket(), layout);
        List<ManifestFileEntry> files = catalog.readManifestFiles(b.ref(), catalog.readManifest(b.ref()));
        String victim = layout.resolveDataKey(b.table(), b.ref().id(), files.get(1).dataFileS3Key());
        String other = layout.resolveDataKey(b.table(), b.ref().id(), files.get(0).dataFileS3Key());
        byte[] replacement = s3.getObjectAsBytes(g -> g.bucket(b.bucket()).key(other)).asByteArray();
        // Someone replaces the file with other well-formed data between the verify pass (the file's first
        // read) and the write pass (its second).
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean replaced = new AtomicBoolean();
        ExecutionInterceptor replaceBeforeWritePass = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetObjectRequest g && g.key().equals(victim) && reads.incrementAndGet() == 2) {
                    s3.putObject(p -> p.bucket(b.bucket()).key(victim), RequestBody.fromBytes(replacement));
                    replaced.set(true);
                }
            }
        };
        String target = UniqueName.next("pinned");
        try (S3Client replacing = s3Emulator.clientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(replaceBeforeWritePass)).build()) {
            RestoreService service = new RestoreService(ddb, replacing, layout, Notifier.none(), MetricsPublisher.none(),
                    RestoreOptions.DEFAULT, Clock.systemUTC());

            RestoreResult r = service.restore(request(b, target, null), Deadline.none());

            assertThat(replaced).as("the file was replaced after the verify pass").isTrue();
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.error()).contains(victim + ": was overwritten after it was verified");
            assertThat(r.finishedParts()).doesNotContain(victim);
            long inTable = ddb.scan(sc -> sc.tableName(target).select("COUNT")).count();
            assertThat(r.itemsWritten()).as("the result states exactly what was written").isEqualTo(inTable).isLessThan(200);
        }
    }

    @Test
    void bigBackup_isVerifiedFileByFile_andAFileDamagedLaterStopsAtThatFile_sayingWhatWasWritten() {
        Backed b = backedUp(300);
        BackupCatalog catalog = new BackupCatalog(s3, b.bucket(), layout);
        List<ManifestFileEntry> files = catalog.readManifestFiles(b.ref(), catalog.readManifest(b.ref()));
        ManifestFileEntry lastFile = files.get(files.size() - 1);
        String key = layout.resolveDataKey(b.table(), b.ref().id(), lastFile.dataFileS3Key());
        s3.putObject(p -> p.bucket(b.bucket()).key(key), RequestBody.fromString("not gzip"));
        RestoreOptions oneAtATime = new RestoreOptions(2, 1, 0, true, 15, 0);
        RestoreService service = new RestoreService(ddb, s3, layout, Notifier.none(), MetricsPublisher.none(), oneAtATime, Clock.systemUTC());
        String target = UniqueName.next("partial");

        RestoreResult r = service.restore(request(b, target, null), Deadline.none());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).contains(key);
        assertThat(r.finishedParts()).doesNotContain(key).isNotEmpty();
        long inTable = ddb.scan(s -> s.tableName(target).select("COUNT")).count();
        assertThat(r.itemsWritten()).as("the result states exactly what was written").isEqualTo(inTable);
        assertThat(r.itemsWritten()).isLessThan(300);
    }

    @Test
    void runOutOfTime_returnsIncompleteWithACheckpoint_andResumeFinishesWithoutRewritingFinishedFiles() {
        Backed b = backedUp(400);
        String target = UniqueName.next("resumed");
        // The deadline is checked after verifying and before each file: time runs out before the fourth file.
        AtomicLong checks = new AtomicLong();
        Deadline shortRun = Deadline.of(() -> checks.incrementAndGet() > 4 ? 0 : Long.MAX_VALUE / 2, 1);
        RestoreService service = new RestoreService(ddb, s3, layout, Notifier.none(), MetricsPublisher.none(),
                new RestoreOptions(2, 1, Long.MAX_VALUE, true, 15, 1), Clock.systemUTC());

        RestoreResult first = service.restore(request(b, target, null), shortRun);

        assertThat(first.status()).as(first.summary()).isEqualTo(Status.INCOMPLETE);
        assertThat(first.finishedParts()).isNotEmpty().hasSizeLessThan(first.partsTotal());
        assertThat(first.summary()).contains("resume with restore_id " + first.restoreId());

        RestoreResult second = service.resume(b.bucket(), first.restoreId(), Deadline.none());

        assertThat(second.status()).as(second.summary()).isEqualTo(Status.SUCCEEDED);
        assertThat(second.finishedParts()).hasSize(second.partsTotal()).containsAll(first.finishedParts());
        assertThat(second.readBack().found()).isEqualTo(400);
        assertThat(scan(target)).hasSize(400);
        // finished files are not written again: the second run wrote less than the whole backup
        assertThat(second.itemsWritten() - first.itemsWritten()).isLessThan(400);
        assertThatThrownBy(() -> service.resume(b.bucket(), first.restoreId(), Deadline.none()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("already SUCCEEDED");
    }

    @Test
    void readBack_catchesWritesAcknowledgedButNotAppliedAsWritten_andNamesOnlyTheirKeys() {
        Backed b = backedUp(60);
        String target = UniqueName.next("tampered");
        // Stands in for a table that acknowledges writes it does not keep as sent: DynamoDB receives a
        // delete instead of item#3's put (not a shorter batch: a batch of item#3 alone would become an empty,
        // invalid request), and item#4 with its text changed.
        ExecutionInterceptor lossyWrites = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof BatchWriteItemRequest r)) {
                    return context.request();
                }
                Map<String, List<WriteRequest>> changed = new HashMap<>();
                r.requestItems().forEach((table, writes) -> changed.put(table, writes.stream()
                        .map(w -> switch (w.putRequest().item().get("pk").s()) {
                            case "item#3" -> WriteRequest.builder()
                                    .deleteRequest(d -> d.key(Map.of("pk", w.putRequest().item().get("pk")))).build();
                            case "item#4" -> withText(w, "secret-value");
                            default -> w;
                        })
                        .toList()));
                return r.toBuilder().requestItems(changed).build();
            }
        };
        try (DynamoDbClient lossy = EmulatorClients.configure(DynamoDbClient.builder(), ddbEndpoint)
                .overrideConfiguration(c -> c.addExecutionInterceptor(lossyWrites)).build()) {
            RestoreService service = new RestoreService(lossy, s3, layout, Notifier.none(), MetricsPublisher.none(),
                    RestoreOptions.DEFAULT, Clock.systemUTC());

            RestoreResult result = service.restore(request(b, target, null), Deadline.none());

            ReadBackReport report = result.readBack();
            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.error()).isEqualTo("read-back found 1 different and 1 missing of 60 items");
            assertThat(report.expected()).isEqualTo(60);
            assertThat(report.found()).isEqualTo(58);
            assertThat(report.missing()).isEqualTo(1);
            assertThat(report.different()).isEqualTo(1);
            assertThat(report.ok()).isFalse();
            assertThat(report.exampleKeys()).containsExactlyInAnyOrder("{\"pk\":{\"S\":\"item#3\"}}", "{\"pk\":{\"S\":\"item#4\"}}");
            assertThat(result.summary()).doesNotContain("secret-value");
        }
    }

    private static WriteRequest withText(WriteRequest w, String text) {
        Map<String, AttributeValue> item = new HashMap<>(w.putRequest().item());
        item.put("text", AttributeValue.fromS(text));
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    @Test
    void latestBackupOfAMissingTable_isAClearError() {
        String bucket = s3Emulator.createUniqueBucket("rs");
        RestoreRequest r = new RestoreRequest(new SourceSpec.Backup(bucket, "it", "NoSuchTable", null), "Target1", null, 25, null, null);

        assertThatThrownBy(() -> service().restore(r, Deadline.none()))
                .hasMessageContaining("no complete backup of table NoSuchTable").hasMessageContaining(bucket);
    }
}
