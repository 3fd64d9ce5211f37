package dev.ddbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.SnsNotifier;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real handler against moto: DynamoDB (with tags, TTL and PITR), S3, SNS and CloudWatch, driven by
 * the JSON in events/. Notifications are read back through SQS queues subscribed to the topics.
 */
@ExtendWith(MotoExtension.class)
class BackupHandlerIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(BackupHandler.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsClients clients;
    private static DynamoDbClient ddb;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String bucket;
    private static String namespace;
    private static SnsInbox successQueue;
    private static SnsInbox failureQueue;
    private static BackupHandler handler;
    private static BackupConfig config;

    @BeforeAll
    static void setUp(MotoServer moto) {
        clients = new AwsClients(EmulatorClients.REGION, 16,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint()),
                EmulatorClients.credentialsProvider());
        ddb = clients.dynamoDb();
        s3 = clients.s3();
        SnsClient sns = clients.sns();
        sqs = moto.configure(SqsClient.builder()).build();
        bucket = UniqueName.next("handler");
        s3.createBucket(b -> b.bucket(bucket));
        String successTopic = sns.createTopic(b -> b.name(UniqueName.next("ok"))).topicArn();
        String failureTopic = sns.createTopic(b -> b.name(UniqueName.next("fail"))).topicArn();
        successQueue = SnsInbox.subscribe(sns, sqs, successTopic);
        failureQueue = SnsInbox.subscribe(sns, sqs, failureTopic);
        for (String t : List.of("Orders", "Customers")) {
            try {
                AllTypesTable.create(ddb, t);
            } catch (ResourceInUseException e) {
                // another test class in this JVM made it already
            }
            AllTypesTable.fill(ddb, t, 120);
        }
        String arn = ddb.describeTable(b -> b.tableName("Orders")).table().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("payments")));
        ddb.updateTimeToLive(b -> b.tableName("Orders").timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
        ddb.updateContinuousBackups(b -> b.tableName("Orders").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        namespace = UniqueName.next("ns");
        config = BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", bucket, "TABLES", "Orders",
                "SUCCESS_TOPIC_ARN", successTopic, "FAILURE_TOPIC_ARN", failureTopic, "METRICS_NAMESPACE", namespace)));
        SnsNotifier notifier = new SnsNotifier(sns, config.successTopicArn(), config.failureTopicArn());
        handler = new BackupHandler(new BackupService(ddb, s3, notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), namespace), config.options(), Clock.systemUTC()), config, notifier);
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
    void seedEvent_backsUpBothTables_notifiesSuccess_publishesMetrics() throws IOException {
        JsonNode out = invoke(Files.readAllBytes(Path.of("../events/backup-tables.json")));

        assertThat(out.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("tables")).hasSize(2);
        BackupCatalog catalog = new BackupCatalog(s3, bucket, new BackupLayout(null));
        BackupRef orders = catalog.latest("Orders").orElseThrow();
        Manifest manifest = catalog.readManifest(orders);
        assertThat(manifest.itemCount()).isEqualTo(120);
        assertThat(manifest.table().tags()).containsEntry("team", "payments");
        assertThat(manifest.table().ttl().attributeName()).isEqualTo("expiresAt");
        assertThat(manifest.table().ttl().status()).isEqualTo("ENABLED");
        assertThat(manifest.table().pointInTimeRecoveryStatus()).isEqualTo("ENABLED");
        assertThat(manifest.table().unavailable()).isEmpty();
        assertThat(new BackupVerifier(catalog, 2).verify(orders, true).ok()).isTrue();

        List<String> messages = successQueue.drain();
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("Orders: SUCCEEDED backupId=" + orders.id().value())
                .contains("items=120")
                .doesNotContain("item#"));
        List<String> metricNames = clients.cloudWatch().listMetrics(b -> b.namespace(namespace)).metrics().stream()
                .map(Metric::metricName).toList();
        assertThat(metricNames).contains("BackupSuccessRate", "TotalItemsBackedUp", "TablesProcessed", "BackupDurationSeconds",
                "BackupBytes", "BackupItemCount");
    }

    @Test
    void scheduledEnvelope_usesTablesFromEnvironment() throws IOException {
        JsonNode out = invoke(Files.readAllBytes(Path.of("../events/backup-scheduled.json")));

        assertThat(out.get("tables")).singleElement().satisfies(t -> assertThat(t.get("table").asText()).isEqualTo("Orders"));
    }

    @Test
    void oneTableMissing_othersStillBackedUp_invocationFailsAfterNotifying() {
        failureQueue.drain();
        long before = new BackupCatalog(s3, bucket, new BackupLayout(null)).list("Customers").size();

        assertThatThrownBy(() -> invoke("{\"tables\":[\"Missing_Table\",\"Customers\"]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BackupFailedException.class)
                .hasMessageContaining("Missing_Table: FAILED")
                .hasMessageContaining("Customers: SUCCEEDED");

        assertThat(new BackupCatalog(s3, bucket, new BackupLayout(null)).list("Customers")).hasSize((int) before + 1);
        assertThat(failureQueue.drain()).anySatisfy(m -> assertThat(m).contains("Missing_Table: FAILED")
                .contains("does not exist"));
    }

    @Test
    void nonJsonEvent_failsWithClearError_notifies_andWritesNothing() {
        failureQueue.drain();
        int objectsBefore = s3.listObjectsV2(b -> b.bucket(bucket)).keyCount();

        assertThatThrownBy(() -> invoke("tables=Orders".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("event: is not valid JSON");

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(objectsBefore);
        assertThat(failureQueue.drain()).anySatisfy(m -> assertThat(m).contains("event: is not valid JSON"));
    }

    @Test
    void lambdaTimeAlmostUp_reportsIncomplete_notifies_andFailsTheInvocation() {
        failureQueue.drain();
        long before = new BackupCatalog(s3, bucket, new BackupLayout(null)).list("Orders").size();

        // 30 s left is inside the default 60 s margin: nothing may start
        assertThatThrownBy(() -> invoke("{\"tables\":[\"Orders\"]}".getBytes(StandardCharsets.UTF_8), 30_000))
                .isInstanceOf(BackupFailedException.class)
                .hasMessageContaining("Orders: INCOMPLETE (not started: run time ran out before this table)");

        assertThat(new BackupCatalog(s3, bucket, new BackupLayout(null)).list("Orders")).hasSize((int) before);
        assertThat(failureQueue.drain()).anySatisfy(m -> assertThat(m).contains("Orders: INCOMPLETE"));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        return invoke(event, 600_000);
    }

    private static JsonNode invoke(byte[] event, long remainingMillis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(remainingMillis)));
        return JSON.readTree(out.toByteArray());
    }
}
