package dev.ddbbackup.backup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
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
import dev.ddbbackup.emulators.iam.IamRecording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith({DynamoDbLocalExtension.class, S3EmulatorExtension.class})
class BackupServiceIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(BackupHandler.class);

    @RegisterExtension
    static WireMockExtension s3Proxy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static AwsClients clients;
    private final DynamoDbClient ddb;
    private final S3Client s3;
    private final S3Emulator s3Emulator;
    private final DynamoDbLocal ddbLocal;
    private final BackupLayout layout = new BackupLayout("it");

    BackupServiceIT(DynamoDbLocal ddbLocal, S3Emulator s3Emulator) {
        this.ddbLocal = ddbLocal;
        this.s3Emulator = s3Emulator;
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

    @Test
    void backup_everyTypeReadsBackIdenticalFromDataFiles_andManifestDescribesTable() throws IOException {
        String table = UniqueName.next("alltypes");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, table);
        List<Map<String, AttributeValue>> written = AllTypesTable.fill(ddb, table, 500);
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(i -> stored.put(i.get("pk").s(), i));
        // Small data files, so one segment rolls over several files.
        BackupService service = service(s3, BackupOptions.DEFAULT.withMaxDataFileBytes(4096));

        BackupRunResult result = service.run(new BackupRequest(List.of(table), bucket, layout, 4), Deadline.none());

        TableBackupResult t = result.tables().get(0);
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(t.items()).isEqualTo(500);
        assertThat(t.dataFiles()).isGreaterThan(4);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);
        BackupRef ref = catalog.latest(table).orElseThrow();
        Manifest manifest = catalog.readManifest(ref);
        List<Map<String, AttributeValue>> backedUp = new ArrayList<>();
        for (ManifestFileEntry f : catalog.readManifestFiles(ref, manifest)) {
            try (ItemLineReader r = catalog.openItems(ref, manifest, f)) {
                for (Map<String, AttributeValue> item = r.next(); item != null; item = r.next()) {
                    backedUp.add(item);
                }
            }
        }
        assertThat(backedUp).hasSize(500);
        for (Map<String, AttributeValue> item : backedUp) {
            // exactly what DynamoDB returned ...
            assertThat(item).isEqualTo(stored.get(item.get("pk").s()));
        }
        written.sort(Comparator.comparing(i -> i.get("pk").s()));
        backedUp.sort(Comparator.comparing(i -> i.get("pk").s()));
        for (int i = 0; i < written.size(); i++) {
            // ... and what we wrote, numbers compared numerically (DynamoDB Local rewrites some spellings)
            assertThat(ItemEquivalence.equivalent(written.get(i), backedUp.get(i)))
                    .as("item %s: %s", written.get(i).get("pk").s(), ItemEquivalence.firstDifference(written.get(i), backedUp.get(i)))
                    .isTrue();
        }
        assertThat(manifest.itemCount()).isEqualTo(500);
        assertThat(manifest.segments()).isEqualTo(4);
        assertThat(manifest.tool()).isEqualTo(BackupService.TOOL);
        assertThat(manifest.table().keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType()).containsExactly("pk:HASH");
        assertThat(manifest.table().globalSecondaryIndexes()).singleElement()
                .satisfies(g -> assertThat(g.indexName()).isEqualTo("byGk"));
        assertThat(manifest.table().billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(manifest.table().unavailable()).anyMatch(u -> u.startsWith("tags:"))
                .anyMatch(u -> u.startsWith("pointInTimeRecovery:"));
    }

    @Test
    void backup_inDataPipelineFormat_writesDataPipelineLines_recordsTheFormat_andEveryItemReadsBackIdentical() throws IOException {
        String table = UniqueName.next("dpformat");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, 120);
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(i -> stored.put(i.get("pk").s(), i));
        BackupService service = service(s3, BackupOptions.DEFAULT.withMaxDataFileBytes(4096).withOutputFormat(ItemLineFormat.DATA_PIPELINE));

        BackupRunResult result = service.run(new BackupRequest(List.of(table), bucket, layout, 2), Deadline.none());

        assertThat(result.ok()).as(result.summary()).isTrue();
        BackupCatalog catalog = new BackupCatalog(s3, bucket, layout);
        BackupRef ref = catalog.latest(table).orElseThrow();
        Manifest manifest = catalog.readManifest(ref);
        assertThat(manifest.outputFormat()).isEqualTo(Manifest.DATA_PIPELINE);
        List<ManifestFileEntry> files = catalog.readManifestFiles(ref, manifest);
        String firstLine;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                s3.getObject(g -> g.bucket(bucket).key(files.get(0).dataFileS3Key()))), StandardCharsets.UTF_8))) {
            firstLine = r.readLine();
        }
        assertThat(firstLine).startsWith("{\"").contains("\"pk\":{\"s\":\"item#").doesNotContain("\"Item\"")
                .contains("\"ss\":{\"sS\":[").contains("\"nothing\":{\"nULL\":true}").contains("\"emptyBin\":{\"b\":\"\"}");
        assertThat(new BackupVerifier(catalog, 2).verify(ref, true).ok()).isTrue();
        List<Map<String, AttributeValue>> backedUp = new ArrayList<>();
        for (ManifestFileEntry f : files) {
            try (ItemLineReader r = catalog.openItems(ref, manifest, f)) {
                for (Map<String, AttributeValue> item = r.next(); item != null; item = r.next()) {
                    backedUp.add(item);
                }
            }
        }
        assertThat(backedUp).hasSize(120);
        for (Map<String, AttributeValue> item : backedUp) {
            assertThat(item).isEqualTo(stored.get(item.get("pk").s()));
        }
    }

    @Test
    void missingTable_failsAloneWhileOthersSucceed_andWritesNothingForIt() {
        String good = UniqueName.next("good");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, good);
        AllTypesTable.fill(ddb, good, 10);

        BackupRunResult result = service(s3, BackupOptions.DEFAULT)
                .run(new BackupRequest(List.of("NoSuchTable", good), bucket, layout, null), Deadline.none());

        assertThat(result.ok()).isFalse();
        assertThat(result.tables()).extracting(TableBackupResult::status)
                .containsExactly(TableBackupResult.Status.FAILED, TableBackupResult.Status.SUCCEEDED);
        assertThat(result.tables().get(0).error()).contains("table 'NoSuchTable' does not exist");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(layout.tableFolder("NoSuchTable"))).contents()).isEmpty();
        assertThat(result.tables().get(1).segments()).isEqualTo(4);
    }

    @Test
    void missingBucket_failsEveryTableWithAClearError() {
        String table = UniqueName.next("nobucket");
        AllTypesTable.create(ddb, table);

        BackupRunResult result = service(s3, BackupOptions.DEFAULT)
                .run(new BackupRequest(List.of(table), "no-such-bucket-here", layout, null), Deadline.none());

        assertThat(result.tables().get(0).status()).isEqualTo(TableBackupResult.Status.FAILED);
        assertThat(result.tables().get(0).error()).isEqualTo(
                "bucket 'no-such-bucket-here' does not exist; create it or fix BACKUP_BUCKET/--bucket");
    }

    @Test
    void deadline_stopsCleanly_noManifestNoObjectsNoOpenUploads() {
        String table = UniqueName.next("deadline");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, 400);
        AtomicInteger checks = new AtomicInteger();
        // Plenty of time for the first few checks, then "less than the margin left".
        Deadline deadline = Deadline.of(() -> checks.incrementAndGet() < 3 ? 600_000 : 1_000, 60_000);
        BackupService service = service(s3, BackupOptions.DEFAULT.withMaxDataFileBytes(2048));

        BackupRunResult result = IAM.during(() -> service.run(new BackupRequest(List.of(table), bucket, layout, 4), deadline));

        TableBackupResult t = result.tables().get(0);
        assertThat(t.status()).isEqualTo(TableBackupResult.Status.INCOMPLETE);
        assertThat(t.error()).contains("no manifest written");
        assertThat(new BackupCatalog(s3, bucket, layout).latest(table)).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void s3SlowDown_isRetried_andTheBackupCompletes() {
        String table = UniqueName.next("slowdown");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, 50);
        s3Proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(s3Emulator.endpoint().toString())));
        s3Proxy.stubFor(put(urlPathMatching(".*/data/.*")).atPriority(1).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"))
                .willSetStateTo("ok"));
        try (AwsClients viaProxy = clientsWithS3ThroughProxy()) {
            BackupRunResult result = service(viaProxy.s3(), BackupOptions.DEFAULT)
                    .run(new BackupRequest(List.of(table), bucket, layout, 1), Deadline.none());

            assertThat(result.ok()).as(result.summary()).isTrue();
        }
        assertThat(s3Proxy.getAllServeEvents()).anyMatch(e -> e.getResponse().getStatus() == 503);
        assertThat(new BackupCatalog(s3, bucket, layout).latest(table)).isPresent();
    }

    @Test
    void bucketNotWritable_failsTheTableNamingTheUpload_andCommitsNothing() {
        String table = UniqueName.next("readonly");
        String bucket = s3Emulator.createUniqueBucket("bk");
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, 30);
        s3Proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(s3Emulator.endpoint().toString())));
        s3Proxy.stubFor(put(urlPathMatching(".*/data/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
        try (AwsClients viaProxy = clientsWithS3ThroughProxy()) {
            BackupRunResult result = service(viaProxy.s3(), BackupOptions.DEFAULT)
                    .run(new BackupRequest(List.of(table), bucket, layout, 2), Deadline.none());

            TableBackupResult t = result.tables().get(0);
            assertThat(t.status()).isEqualTo(TableBackupResult.Status.FAILED);
            assertThat(t.error()).contains("upload of s3://" + bucket + "/it/" + table + "/").contains("Access Denied");
        }
        assertThat(new BackupCatalog(s3, bucket, layout).latest(table)).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void bucketForbidden_failsEveryTableBeforeScanning() {
        String table = UniqueName.next("forbidden");
        AllTypesTable.create(ddb, table);
        s3Proxy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)));
        try (AwsClients viaProxy = clientsWithS3ThroughProxy()) {
            BackupRunResult result = service(viaProxy.s3(), BackupOptions.DEFAULT)
                    .run(new BackupRequest(List.of(table), "locked-bucket", layout, null), Deadline.none());

            assertThat(result.tables().get(0).error())
                    .isEqualTo("bucket 'locked-bucket' is not accessible (403); grant s3:ListBucket and s3:PutObject on it");
        }
    }

    /** Clients whose S3 calls pass through the WireMock proxy in front of S3Mock, for injected faults. */
    private AwsClients clientsWithS3ThroughProxy() {
        return new AwsClients(EmulatorClients.REGION, 8,
                new AwsClients.Endpoints(ddbLocal.endpoint(), URI.create(s3Proxy.baseUrl()), null, null),
                EmulatorClients.credentialsProvider());
    }

    private BackupService service(S3Client s3Client, BackupOptions options) {
        return new BackupService(ddb, s3Client, Notifier.none(), MetricsPublisher.none(), options, Clock.systemUTC());
    }

}
