package dev.ddbbackup.recovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupRunResult;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.backup.SnsInbox;
import dev.ddbbackup.backup.TestContext;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.managed.AwsBackupRestoreService;
import dev.ddbbackup.recovery.managed.PitrRestoreService;
import java.time.Duration;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.emulators.iam.IamRecording;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real recovery handler against moto (DynamoDB with tags, TTL and PITR; S3; SNS; CloudWatch),
 * driven by the JSON in events/, every events/recovery-*.json among them. AWS Backup, which no emulator
 * runs jobs for, is WireMock answering as AWS Backup does. Notifications are read back through SQS queues
 * subscribed to the topics.
 */
@ExtendWith(MotoExtension.class)
class RecoveryHandlerIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(RecoveryHandler.class);

    @RegisterExtension
    static final WireMockExtension BACKUP = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../events");
    private static final String RESTORE_ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
    private static final String JOB_ID = "9F2C6B1E-4A7D-3E58-B0C1-6D8E2F4A7B93";
    /** The source table of events/recovery-pitr-at-time.json, created under the name the file gives it. */
    private static final String PRODUCTS = "products";
    private static AwsClients clients;
    private static RecoveryConfig config;
    private static List<Map<String, AttributeValue>> products;
    private static DynamoDbClient ddb;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String bucket;
    private static String namespace;
    private static SnsInbox successQueue;
    private static SnsInbox failureQueue;
    private static RecoveryHandler handler;
    private static String source;
    private static List<Map<String, AttributeValue>> items;

    @BeforeAll
    static void setUp(MotoServer moto) {
        clients = new AwsClients(EmulatorClients.REGION, 16,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint(), URI.create(BACKUP.baseUrl())),
                EmulatorClients.credentialsProvider());
        ddb = clients.dynamoDb();
        s3 = clients.s3();
        SnsClient sns = clients.sns();
        sqs = moto.configure(SqsClient.builder()).build();
        bucket = UniqueName.next("recovery");
        s3.createBucket(b -> b.bucket(bucket));
        String successTopic = sns.createTopic(b -> b.name(UniqueName.next("ok"))).topicArn();
        String failureTopic = sns.createTopic(b -> b.name(UniqueName.next("fail"))).topicArn();
        successQueue = SnsInbox.subscribe(sns, sqs, successTopic);
        failureQueue = SnsInbox.subscribe(sns, sqs, failureTopic);
        source = UniqueName.next("orders");
        AllTypesTable.create(ddb, source);
        items = AllTypesTable.fill(ddb, source, 150);
        String arn = ddb.describeTable(b -> b.tableName(source)).table().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("payments"), t -> t.key("env").value("prod")));
        ddb.updateTimeToLive(b -> b.tableName(source).timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
        ddb.updateContinuousBackups(b -> b.tableName(source).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        BackupRunResult backup = new BackupService(ddb, s3, Notifier.none(), MetricsPublisher.none(), BackupOptions.DEFAULT.withMaxDataFileBytes(16_384),
                Clock.systemUTC()).run(new BackupRequest(List.of(source), bucket, new BackupLayout(null), 3), Deadline.none());
        assertThat(backup.ok()).as(backup.summary()).isTrue();
        products = createProducts();
        namespace = UniqueName.next("ns");
        config = RecoveryConfig.from(new Settings(Map.of("BACKUP_BUCKET", bucket, "SUCCESS_TOPIC_ARN", successTopic,
                "FAILURE_TOPIC_ARN", failureTopic, "METRICS_NAMESPACE", namespace, "RESTORE_ROLE_ARN", RESTORE_ROLE)));
        SnsNotifier notifier = new SnsNotifier(sns, config.successTopicArn(), config.failureTopicArn());
        handler = new RecoveryHandler(new RestoreService(ddb, s3, config.layout(), notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), namespace), config.options(), Clock.systemUTC()),
                new PitrRestoreService(ddb, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC()),
                new AwsBackupRestoreService(clients.backup(), ddb, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC()),
                config, notifier);
    }

    /** {@value #PRODUCTS} with a few items, then point-in-time recovery on, so its restorable window starts after the writes. */
    private static List<Map<String, AttributeValue>> createProducts() {
        ddb.createTable(b -> b.tableName(PRODUCTS).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("sku").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("sku").attributeType(ScalarAttributeType.S)));
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Map<String, AttributeValue> item = Map.of("sku", AttributeValue.fromS("sku-" + i), "name", AttributeValue.fromS("product " + i),
                    "price", AttributeValue.fromN(i + ".99"), "tags", AttributeValue.fromSs(List.of("t" + i, "all")));
            ddb.putItem(p -> p.tableName(PRODUCTS).item(item));
            written.add(item);
        }
        ddb.updateContinuousBackups(b -> b.tableName(PRODUCTS).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        return written;
    }

    @AfterAll
    static void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void newTableEvent_recreatesTheTableWithIndexTtlTagsAndPitr_andEveryItem() throws IOException {
        String target = UniqueName.next("orders-restored");
        JsonNode out = invoke(event("recovery-new-table.json", e -> e.put("source_table", source).put("target_table", target)));

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertThat(out.get("tableCreated").asBoolean()).isTrue();
        assertThat(out.get("readBack").get("found").asLong()).isEqualTo(150);
        TableDescription t = ddb.describeTable(b -> b.tableName(target)).table();
        assertThat(t.globalSecondaryIndexes()).singleElement().satisfies(g -> assertThat(g.indexName()).isEqualTo("byGk"));
        assertThat(ddb.describeTimeToLive(b -> b.tableName(target)).timeToLiveDescription())
                .satisfies(d -> {
                    assertThat(d.attributeName()).isEqualTo("expiresAt");
                    assertThat(d.timeToLiveStatusAsString()).isEqualTo("ENABLED");
                });
        Map<String, String> tags = new HashMap<>();
        ddb.listTagsOfResource(b -> b.resourceArn(t.tableArn())).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        assertThat(tags).containsEntry("team", "payments").containsEntry("env", "prod");
        assertThat(ddb.describeContinuousBackups(b -> b.tableName(target)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        Map<String, Map<String, AttributeValue>> restored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(target)).items().forEach(i -> restored.put(i.get("pk").s(), i));
        assertThat(restored).hasSize(150);
        for (Map<String, AttributeValue> item : items) {
            assertThat(ItemEquivalence.equivalent(item, restored.get(item.get("pk").s()))).isTrue();
        }
        assertThat(successQueue.drain()).anySatisfy(m -> assertThat(m).contains("SUCCEEDED").contains(target)
                .contains("150 found equal").doesNotContain("ünïcødé"));
        List<String> metricNames = clients.cloudWatch().listMetrics(b -> b.namespace(namespace)).metrics().stream()
                .map(Metric::metricName).toList();
        assertThat(metricNames).contains("ItemsRestored", "FailedItems", "RecoveryValidationRate", "RestoreDurationSeconds");
    }

    @Test
    void seedEvent_restoresTheLatestBackupIntoTheExistingTable() throws IOException {
        ddb.deleteItem(d -> d.tableName(source).key(Map.of("pk", AttributeValue.fromS("item#7"))));
        ddb.putItem(p -> p.tableName(source).item(Map.of("pk", AttributeValue.fromS("item#8"), "gk", AttributeValue.fromS("broken"))));

        JsonNode out = invoke(event("recovery-seed-001.json", e -> e.put("table_name", source).put("backup_bucket", bucket)));

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertThat(out.get("tableCreated").asBoolean()).isFalse();
        assertThat(out.get("itemsWritten").asLong()).isEqualTo(150);
        assertThat(ddb.getItem(g -> g.tableName(source).key(Map.of("pk", AttributeValue.fromS("item#7")))).hasItem()).isTrue();
        assertThat(ddb.getItem(g -> g.tableName(source).key(Map.of("pk", AttributeValue.fromS("item#8")))).item().get("gk").s())
                .isEqualTo("group3");
    }

    @Test
    void pitrEvent_restoresIntoANewTable_andReappliesTtlAndTags() throws IOException {
        JsonNode out = invoke(event("recovery-pitr.json", e -> e.put("source_table", source)));

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("ACTIVE");
        String target = out.get("targetTable").asText();
        assertThat(target).startsWith(source + "-restored-");
        assertThat(ddb.scan(b -> b.tableName(target).select("COUNT")).count()).isEqualTo(150);
        assertThat(ddb.describeTimeToLive(b -> b.tableName(target)).timeToLiveDescription().attributeName()).isEqualTo("expiresAt");
        assertThat(successQueue.drain()).anySatisfy(m -> assertThat(m).contains("ACTIVE"));
    }

    @Test
    void badInput_isRefusedNamingTheField_notifies_andWritesNothing() {
        failureQueue.drain();
        List<String> tablesBefore = ddb.listTables().tableNames();

        assertThatThrownBy(() -> invoke("{\"backup_bucket\":\"x\"}")).isInstanceOf(ConfigException.class).hasMessageStartingWith("table_name:");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"batch_size\":0}")).hasMessageStartingWith("batch_size:");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"batch_size\":26}")).hasMessageStartingWith("batch_size:");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"batch_size\":\"abc\"}")).hasMessageStartingWith("batch_size:");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"backup_file\":\"dynamodb-backups/../secret/x.json\"}"))
                .hasMessageStartingWith("backup_file:").hasMessageContaining("'..'");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"backup_file\":\"elsewhere/x.json\"}"))
                .hasMessageStartingWith("backup_file:").hasMessageContaining("outside the backup prefix");
        assertThatThrownBy(() -> invoke("{\"table_name\":\"" + source + "\",\"backup_file\":\"dynamodb-backups/" + source
                + "/2026-01-01T00-00-00Z-aaaaaa/manifest.json\"}")).hasMessageContaining("no complete backup");

        assertThat(ddb.listTables().tableNames()).isEqualTo(tablesBefore);
        assertThat(failureQueue.drain()).anySatisfy(m -> assertThat(m).contains("table_name: is required"));
    }

    @Test
    void awsBackupEvent_asWritten_startsAJobForTheFilesRecoveryPoint_andAnswersWithTheJobIdWithoutWaiting() throws IOException {
        byte[] file = Files.readAllBytes(EVENTS.resolve("recovery-aws-backup.json"));
        JsonNode asWritten = JSON.readTree(file);
        assertThat(asWritten.get("wait").asBoolean(true)).as("the file asks not to wait").isFalse();
        BACKUP.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"RestoreJobId\":\"" + JOB_ID + "\"}")));
        successQueue.drain();

        JsonNode out = invoke(file);

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("RUNNING");
        assertThat(out.get("restoreJobId").asText()).isEqualTo(JOB_ID);
        assertThat(out.hasNonNull("jobStatus")).as("the job was not polled").isFalse();
        assertThat(out.get("targetTable").asText()).isEqualTo(asWritten.get("target_table").asText());
        assertThat(out.get("recoveryPointArn").asText()).isEqualTo(asWritten.get("recoveryPointArn").asText());
        assertThat(out.get("message").asText()).contains("describe-restore-job --restore-job-id " + JOB_ID);
        List<LoggedRequest> starts = BACKUP.findAll(putRequestedFor(urlEqualTo("/restore-jobs")));
        assertThat(starts).hasSize(1);
        JsonNode body = JSON.readTree(starts.get(0).getBodyAsString());
        assertThat(body.get("RecoveryPointArn").asText()).isEqualTo(asWritten.get("recoveryPointArn").asText());
        assertThat(body.get("Metadata").get("targetTableName").asText()).isEqualTo(asWritten.get("target_table").asText());
        assertThat(body.get("IamRoleArn").asText()).isEqualTo(RESTORE_ROLE);
        assertThat(body.get("ResourceType").asText()).isEqualTo("DynamoDB");
        assertThat(BACKUP.findAll(getRequestedFor(urlPathMatching("/restore-jobs/.*")))).as("DescribeRestoreJob calls").isEmpty();
        assertThat(successQueue.drain()).anySatisfy(m -> assertThat(m).contains(JOB_ID));
    }

    @Test
    void pitrAtTimeEvent_withATimeInsideTheWindow_restoresTheSourceIntoTheFilesTargetTable() throws IOException {
        // The file's restoreDateTime (2026-11-21T09:30:00Z) lies before the window of a table made by this test, so
        // only restoreDateTime is replaced: by the window's start, after the items were written. (moto's window is
        // the single instant PITR was enabled.) Source and target keep the file's names.
        Instant inWindow = window(PRODUCTS).earliestRestorableDateTime();

        JsonNode out = invoke(event("recovery-pitr-at-time.json", e -> e.put("restoreDateTime", inWindow.toString())));

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("ACTIVE");
        assertThat(out.get("sourceTable").asText()).isEqualTo(PRODUCTS);
        assertThat(out.get("targetTable").asText()).isEqualTo("products-before-bad-deploy");
        assertThat(ddb.describeTable(b -> b.tableName("products-before-bad-deploy")).table().tableStatusAsString()).isEqualTo("ACTIVE");
        Map<String, Map<String, AttributeValue>> restored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName("products-before-bad-deploy")).items().forEach(i -> restored.put(i.get("sku").s(), i));
        assertThat(restored).hasSize(products.size());
        for (Map<String, AttributeValue> item : products) {
            assertThat(ItemEquivalence.equivalent(item, restored.get(item.get("sku").s()))).as(item.get("sku").s()).isTrue();
        }
    }

    @Test
    void pitrAtTimeEvent_asWritten_isRefusedNamingRestoreDateTimeAndTheWindow_andCreatesNothing() throws IOException {
        byte[] file = Files.readAllBytes(EVENTS.resolve("recovery-pitr-at-time.json"));
        PointInTimeRecoveryDescription window = window(PRODUCTS);
        List<String> tablesBefore = tableNames();
        failureQueue.drain();

        assertThatThrownBy(() -> invoke(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("restoreDateTime: 2026-11-21T09:30:00Z is outside the restorable window of table 'products': ")
                .hasMessageContaining(window.earliestRestorableDateTime() + " (EarliestRestorableDateTime) to "
                        + window.latestRestorableDateTime() + " (LatestRestorableDateTime)")
                .hasMessageContaining("choose a time inside it");

        assertThat(tableNames()).isEqualTo(tablesBefore);
        assertThat(failureQueue.drain()).anySatisfy(m -> assertThat(m).contains("restoreDateTime: 2026-11-21T09:30:00Z is outside"));
    }

    @Test
    void resumeEvent_asWritten_finishesAnInterruptedRestore_withoutRewritingFinishedFiles() throws IOException {
        // A real INCOMPLETE restore: recovery-new-table.json (source_table set to this class's backed-up table) run
        // out of time after its first data file.
        JsonNode first = invoke(event("recovery-new-table.json", e -> e.put("source_table", source)), runsOutAfter(3));
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("INCOMPLETE");
        List<String> finishedFirst = texts(first.get("finishedParts"));
        assertThat(finishedFirst).isNotEmpty().hasSizeLessThan(first.get("partsTotal").asInt());
        long writtenFirst = first.get("itemsWritten").asLong();
        assertThat(writtenFirst).isPositive().isLessThan(items.size());
        // Its checkpoint saved under the file's restore id, as the restore saves checkpoints (key and restoreId field).
        byte[] file = Files.readAllBytes(EVENTS.resolve("recovery-resume.json"));
        String fileId = JSON.readTree(file).get("restore_id").asText();
        String target = first.get("targetTable").asText();
        ObjectNode checkpoint = (ObjectNode) JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key(config.layout().restoreCheckpointKey(first.get("restoreId").asText()))).asByteArray());
        checkpoint.put("restoreId", fileId);
        s3.putObject(p -> p.bucket(bucket).key(config.layout().restoreCheckpointKey(fileId)).contentType("application/json"),
                RequestBody.fromBytes(JSON.writeValueAsBytes(checkpoint)));

        JsonNode out = invoke(file);

        assertThat(out.get("status").asText()).as(out.toString()).isEqualTo("SUCCEEDED");
        assertThat(out.get("restoreId").asText()).isEqualTo(fileId);
        assertThat(out.get("targetTable").asText()).isEqualTo(target);
        assertThat(texts(out.get("finishedParts"))).hasSize(out.get("partsTotal").asInt()).containsAll(finishedFirst);
        // Counted over both runs: a finished file written again would push this past the backup's item count.
        assertThat(out.get("itemsWritten").asLong()).isEqualTo(items.size());
        assertThat(out.get("readBack").get("found").asLong()).isEqualTo(items.size());
        assertThat(out.get("readBack").get("different").asLong()).isZero();
        assertThat(out.get("readBack").get("missing").asLong()).isZero();
        Map<String, Map<String, AttributeValue>> restored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(target)).items().forEach(i -> restored.put(i.get("pk").s(), i));
        assertThat(restored).hasSize(items.size());
        for (Map<String, AttributeValue> item : items) {
            assertThat(ItemEquivalence.equivalent(item, restored.get(item.get("pk").s()))).as(item.get("pk").s()).isTrue();
        }
    }

    private static JsonNode invoke(String event) throws IOException {
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        return invoke(event, new TestContext(600_000));
    }

    private static JsonNode invoke(byte[] event, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(event), out, context));
        return JSON.readTree(out.toByteArray());
    }

    private static byte[] event(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(Files.readAllBytes(EVENTS.resolve(name)));
        edit.accept(e);
        return JSON.writeValueAsBytes(e);
    }

    private static PointInTimeRecoveryDescription window(String table) {
        return ddb.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription().pointInTimeRecoveryDescription();
    }

    private static List<String> tableNames() {
        return new ArrayList<>(ddb.listTablesPaginator().tableNames().stream().toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /**
     * Lambda's context as a restore that runs out of time sees it: the remaining time is ample for the first
     * {@code checks} reads and then below the deadline margin. A restore into a new table reads it after
     * verifying, while waiting for the new table, and before each data file; so three lets exactly one file
     * start, deterministically, where a clock would race the emulator.
     */
    private static Context runsOutAfter(int checks) {
        AtomicInteger reads = new AtomicInteger();
        return TestContext.withRemainingTime(() -> reads.incrementAndGet() <= checks ? 600_000 : 0);
    }
}
