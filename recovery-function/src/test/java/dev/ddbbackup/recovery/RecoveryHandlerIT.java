package dev.ddbbackup.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real recovery handler against moto (DynamoDB with tags, TTL and PITR; S3; SNS; CloudWatch),
 * driven by the JSON in events/. Notifications are read back through SQS queues subscribed to the topics.
 */
@ExtendWith(MotoExtension.class)
class RecoveryHandlerIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(RecoveryHandler.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsClients clients;
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
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint()),
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
        namespace = UniqueName.next("ns");
        RecoveryConfig config = RecoveryConfig.from(new Settings(Map.of("BACKUP_BUCKET", bucket,
                "SUCCESS_TOPIC_ARN", successTopic, "FAILURE_TOPIC_ARN", failureTopic, "METRICS_NAMESPACE", namespace)));
        SnsNotifier notifier = new SnsNotifier(sns, config.successTopicArn(), config.failureTopicArn());
        handler = new RecoveryHandler(new RestoreService(ddb, s3, config.layout(), notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), namespace), config.options(), Clock.systemUTC()),
                new PitrRestoreService(ddb, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC()),
                null, config, notifier);
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

    private static JsonNode invoke(String event) throws IOException {
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(600_000)));
        return JSON.readTree(out.toByteArray());
    }

    private static byte[] event(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("../events/" + name)));
        edit.accept(e);
        return JSON.writeValueAsBytes(e);
    }
}
