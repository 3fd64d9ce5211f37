package dev.ddbbackup.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.backup.SnsInbox;
import dev.ddbbackup.backup.TestContext;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.core.retry.Backoff;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real rotation handler against moto (DynamoDB backups, SNS, CloudWatch), driven by the JSON in
 * events/. Notifications are read back through SQS queues subscribed to the topics; the backups left
 * are read back with ListBackups.
 */
@ExtendWith(MotoExtension.class)
class RotationHandlerIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(RotationHandler.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOVIES = "Movies";
    private static AwsClients clients;
    private static DynamoDbClient ddb;
    private static SqsClient sqs;
    private static String namespace;
    private static SnsInbox successQueue;
    private static SnsInbox failureQueue;
    private static RotationHandler handler;

    @BeforeAll
    static void setUp(MotoServer moto) {
        clients = new AwsClients(EmulatorClients.REGION, 8,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint()),
                EmulatorClients.credentialsProvider());
        ddb = clients.dynamoDb();
        SnsClient sns = clients.sns();
        sqs = moto.configure(SqsClient.builder()).build();
        String successTopic = sns.createTopic(b -> b.name(UniqueName.next("ok"))).topicArn();
        String failureTopic = sns.createTopic(b -> b.name(UniqueName.next("fail"))).topicArn();
        successQueue = SnsInbox.subscribe(sns, sqs, successTopic);
        failureQueue = SnsInbox.subscribe(sns, sqs, failureTopic);
        // seed 002's table; no other test class in this module's JVM uses the name
        ddb.createTable(b -> b.tableName(MOVIES).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("year").keyType(KeyType.HASH), k -> k.attributeName("title").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("year").attributeType(ScalarAttributeType.N),
                        a -> a.attributeName("title").attributeType(ScalarAttributeType.S)));
        namespace = UniqueName.next("ns");
        RotationConfig config = RotationConfig.from(new Settings(Map.of("TABLES", MOVIES, "SUCCESS_TOPIC_ARN", successTopic,
                "FAILURE_TOPIC_ARN", failureTopic, "METRICS_NAMESPACE", namespace)));
        SnsNotifier notifier = new SnsNotifier(sns, config.successTopicArn(), config.failureTopicArn());
        handler = new RotationHandler(new RotationService(ddb, notifier, new CloudWatchMetricsPublisher(clients.cloudWatch(), namespace),
                config.availableWait(), new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Clock.systemUTC()), config, notifier);
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

    @BeforeEach
    void noMoviesBackupsAndNoMessages() {
        ddb.listBackups(b -> b.tableName(MOVIES)).backupSummaries().forEach(s -> ddb.deleteBackup(d -> d.backupArn(s.backupArn())));
        successQueue.drain();
        failureQueue.drain();
    }

    @Test
    void seedEvent_fiveTimes_leavesExactlyThreeUserBackups_notifiesSuccess_publishesMetrics() throws IOException, InterruptedException {
        byte[] event = Files.readAllBytes(Path.of("../events/rotation-movies.json"));
        List<String> created = new ArrayList<>();
        JsonNode out = null;
        for (int i = 0; i < 5; i++) {
            out = invoke(event);
            created.add(out.get("tables").get(0).get("created").get("arn").asText());
            Thread.sleep(5); // distinct creation times
        }

        assertThat(out.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("dryRun").asBoolean()).isFalse();
        JsonNode movies = out.get("tables").get(0);
        assertThat(movies.get("table").asText()).isEqualTo(MOVIES);
        assertThat(movies.get("created").get("name").asText()).matches("Movies-\\d{14}");
        assertThat(movies.get("created").get("createdAt").asText()).endsWith("Z");
        assertThat(movies.get("deleted")).hasSize(1);
        assertThat(movies.get("deleted").get(0).get("reason").asText()).isEqualTo("beyond the 3 newest");
        assertThat(movies.get("retained")).hasSize(3);
        assertThat(moviesBackups()).containsExactly(created.get(4), created.get(3), created.get(2));

        assertThat(successQueue.drain()).hasSize(5).last().satisfies(m -> assertThat(m)
                .startsWith("Movies: SUCCEEDED created=Movies-").contains("deleted=1 [Movies-").contains("retained=3"));
        List<Metric> metrics = clients.cloudWatch().listMetrics(b -> b.namespace(namespace)
                .dimensions(d -> d.name("TableName").value(MOVIES))).metrics();
        assertThat(metrics).extracting(Metric::metricName).contains("BackupsCreated", "BackupsDeleted", "BackupsRetained");
        assertThat(metrics).allSatisfy(m -> assertThat(m.dimensions())
                .containsExactly(Dimension.builder().name("TableName").value(MOVIES).build()));
    }

    @Test
    void scheduledEnvelope_rotatesTheTablesFromTheEnvironment() throws IOException {
        JsonNode out = invoke(Files.readAllBytes(Path.of("../events/rotation-scheduled.json")));

        assertThat(out.get("tables")).singleElement().satisfies(t -> assertThat(t.get("table").asText()).isEqualTo(MOVIES));
        assertThat(moviesBackups()).hasSize(1);
    }

    @Test
    void dryRun_createsAndDeletesNothing_andSaysWhatWouldBeDeleted() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            invoke("{\"TableName\":\"Movies\"}");
            Thread.sleep(5);
        }
        List<String> before = moviesBackups();

        JsonNode out = invoke("{\"TableName\":\"Movies\",\"dry_run\":true}");

        assertThat(out.get("dryRun").asBoolean()).isTrue();
        JsonNode movies = out.get("tables").get(0);
        assertThat(movies.get("created").isNull()).isTrue();
        assertThat(movies.get("deleted")).isEmpty();
        assertThat(movies.get("wouldDelete")).singleElement()
                .satisfies(d -> assertThat(d.get("arn").asText()).isEqualTo(before.get(2)));
        assertThat(moviesBackups()).isEqualTo(before);
    }

    @Test
    void createFailure_prunesNothing_notifiesFailure_andFailsTheInvocation() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            invoke("{\"TableName\":\"Movies\"}");
            Thread.sleep(5);
        }
        failureQueue.drain();
        List<String> before = moviesBackups();

        assertThatThrownBy(() -> invoke("{\"TableName\":\"No_Such_Table\"}"))
                .isInstanceOf(RotationFailedException.class)
                .hasMessageStartingWith("rotation failed for No_Such_Table:")
                .hasMessageContaining("table 'No_Such_Table' does not exist");

        assertThat(moviesBackups()).isEqualTo(before);
        assertThat(failureQueue.drain()).singleElement().satisfies(m -> assertThat(m)
                .contains("No_Such_Table: FAILED (table 'No_Such_Table' does not exist").contains("nothing created or deleted"));
    }

    @Test
    void oneTableFailing_othersStillRotated_invocationFailsNamingTheFailedTable() throws IOException {
        assertThatThrownBy(() -> invoke("{\"tables\":[\"Missing_Table\",\"Movies\"]}"))
                .isInstanceOf(RotationFailedException.class)
                .hasMessageStartingWith("rotation failed for Missing_Table:")
                .hasMessageContaining("Movies: SUCCEEDED created=Movies-");

        assertThat(moviesBackups()).hasSize(1);
        assertThat(failureQueue.drain()).singleElement().satisfies(m -> assertThat(m)
                .contains("Missing_Table: FAILED").contains("Movies: SUCCEEDED"));
    }

    @Test
    void badInput_isRefusedNamingTheField_notifies_andCreatesOrDeletesNothing() throws IOException, InterruptedException {
        for (int i = 0; i < 4; i++) {
            invoke("{\"TableName\":\"Movies\"}");
            Thread.sleep(5);
        }
        failureQueue.drain();
        List<String> before = moviesBackups();

        assertThatThrownBy(() -> invoke("{\"TableName\":\"x\"}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TableName: 'x' is not a valid table name");
        assertThatThrownBy(() -> invoke("{\"TableName\":\"Movies\",\"dry_run\":\"yes\"}")).hasMessageStartingWith("dry_run:");
        assertThatThrownBy(() -> invoke("{\"tables\":[\"Movies\",\"a b\"]}")).hasMessageStartingWith("tables:");
        assertThatThrownBy(() -> invoke("TableName=Movies")).hasMessageStartingWith("event: is not valid JSON");

        assertThat(moviesBackups()).isEqualTo(before);
        assertThat(failureQueue.drain()).hasSize(4).allSatisfy(m -> assertThat(m).doesNotContain("SUCCEEDED"))
                .anySatisfy(m -> assertThat(m).startsWith("TableName: 'x' is not a valid table name"));
    }

    @Test
    void lambdaTimeAlmostUp_startsNothing_notifies_andFailsTheInvocation() {
        // 5 s left is inside the default 10 s margin
        assertThatThrownBy(() -> invoke("{\"TableName\":\"Movies\"}".getBytes(StandardCharsets.UTF_8), 5_000))
                .isInstanceOf(RotationFailedException.class)
                .hasMessageContaining("Movies: FAILED (not started: run time ran out before this table)");

        assertThat(moviesBackups()).isEmpty();
        assertThat(failureQueue.drain()).singleElement().satisfies(m -> assertThat(m).contains("not started"));
    }

    private static List<String> moviesBackups() {
        return ddb.listBackups(b -> b.tableName(MOVIES)).backupSummaries().stream()
                .peek(s -> assertThat(s.backupTypeAsString()).isEqualTo("USER"))
                .sorted((a, b) -> b.backupCreationDateTime().compareTo(a.backupCreationDateTime()))
                .map(BackupSummary::backupArn).toList();
    }

    private static JsonNode invoke(String event) throws IOException {
        return invoke(event.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        return invoke(event, 300_000);
    }

    private static JsonNode invoke(byte[] event, long remainingMillis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(remainingMillis)));
        return JSON.readTree(out.toByteArray());
    }
}
