package dev.ddbbackup.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.backup.SnsInbox;
import dev.ddbbackup.backup.TestContext;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.emulators.iam.IamRecording;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.recovery.RestoreDrill;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real handler, driven by the JSON in events/, against moto (DynamoDB with PITR, tags, TTL and native
 * backups; S3; SNS, read back through SQS; CloudWatch) and WireMock for AWS Backup. Every invocation is
 * recorded (IamRecording): an AWS call outside ValidationHandler-iam-actions.txt fails the class, and the
 * list of AWS calls in docs/validation.md is checked here.
 */
@ExtendWith(MotoExtension.class)
class ValidationHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The table and restore job that events/validation-restore-test.json names. */
    private static final String EVENT_SOURCE = "products";
    private static final String EVENT_RESTORED = "awsbackup-restore-test-b1d0e8f2-4c3a-4e55-9f7b-2a6d8c0e1f3a";
    private static final String EVENT_JOB = "3E5C2A7D-91B4-4F06-8D2E-5A1B7C9E0F34";

    @RegisterExtension
    static WireMockExtension backup = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(ValidationHandler.class);

    private static MotoServer moto;
    private static DynamoDbClient ddb;
    private static S3Client s3;
    private static SnsClient sns;
    private static CloudWatchClient cloudWatch;
    private static BackupClient backupClient;
    private static SqsClient sqs;
    private static SnsInbox successes;
    private static SnsInbox failures;
    private static String table;
    private static String bucket;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp(MotoServer server) {
        moto = server;
        ddb = moto.configure(DynamoDbClient.builder()).build();
        s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
        sns = moto.configure(SnsClient.builder()).build();
        cloudWatch = moto.configure(CloudWatchClient.builder()).build();
        backupClient = EmulatorClients.configure(BackupClient.builder(), URI.create(backup.baseUrl())).build();
        sqs = moto.configure(SqsClient.builder()).build();
        MotoFixture fixture = new MotoFixture(ddb, s3, backupClient);
        bucket = UniqueName.next("handler");
        s3.createBucket(b -> b.bucket(bucket));
        table = fixture.table("orders", 80);
        String arn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("payments")));
        ddb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        ddb.updateContinuousBackups(b -> b.tableName(table).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        ddb.createBackup(b -> b.tableName(table).backupName(table + "-nightly"));
        fixture.backUp(table, bucket);
        String successTopic = sns.createTopic(b -> b.name(UniqueName.next("ok"))).topicArn();
        String failureTopic = sns.createTopic(b -> b.name(UniqueName.next("fail"))).topicArn();
        successes = SnsInbox.subscribe(sns, sqs, successTopic);
        failures = SnsInbox.subscribe(sns, sqs, failureTopic);
        env = Map.of("PROTECTED_TABLES", table, "BACKUP_BUCKET", bucket, "CHECK_AWS_BACKUP_JOBS", "true", "CHECK_PITR", "true",
                "NATIVE_BACKUP_MAX_AGE_HOURS", "26", "SUCCESS_TOPIC_ARN", successTopic, "FAILURE_TOPIC_ARN", failureTopic,
                "METRICS_NAMESPACE", UniqueName.next("ns"));
        for (String t : List.of(EVENT_SOURCE, EVENT_RESTORED)) {
            try {
                AllTypesTable.create(ddb, t);
                AllTypesTable.fill(ddb, t, 30);
            } catch (ResourceInUseException e) {
                // made by an earlier run in this moto
            }
        }
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {ddb, s3, sns, cloudWatch, backupClient, sqs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing test clients
            }
        }
    }

    @BeforeEach
    void answerAwsBackup() {
        String arn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        double created = Instant.now().minusSeconds(3 * 3600).toEpochMilli() / 1000.0;
        backup.stubFor(get(urlPathEqualTo("/backup-jobs/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"BackupJobs\":[{\"AccountId\":\"123456789012\",\"BackupJobId\":\"5B8E1C2D-7F3A-4D69-A0B4-C1D2E3F4A5B6\","
                        + "\"BackupVaultName\":\"dynamodb-backup-vault\",\"ResourceArn\":\"" + arn + "\",\"ResourceType\":\"DynamoDB\","
                        + "\"CreationDate\":" + created + ",\"CompletionDate\":" + (created + 80.5) + ",\"State\":\"COMPLETED\","
                        + "\"MessageCategory\":\"SUCCESS\",\"PercentDone\":\"100.0\",\"BackupSizeInBytes\":52431}]}")));
        backup.stubFor(put(urlEqualTo("/restore-jobs/" + EVENT_JOB + "/validations")).willReturn(aResponse().withStatus(204)));
        successes.drain();
        failures.drain();
    }

    @Test
    void scheduledEvent_runsEveryConfiguredCheck_passes_notifiesOneSummary_andPublishesMetrics() throws IOException {
        JsonNode out = invoke(handler(env), Files.readAllBytes(Path.of("../events/validation-scheduled.json")));

        assertThat(out.get("status").asText()).isEqualTo("PASSED");
        assertThat(out.get("checks")).extracting(c -> c.get("check").asText()).containsExactly(
                "aws-backup-jobs", "s3-backup-age", "s3-backup-integrity", "pitr", "native-backup");
        List<String> sent = successes.drain();
        assertThat(sent).singleElement().satisfies(m -> assertThat(m)
                .contains("PASS  aws-backup-jobs      " + table + "  COMPLETED job 5B8E1C2D-7F3A-4D69-A0B4-C1D2E3F4A5B6")
                .contains("PASS  s3-backup-integrity  " + table + "  s3://" + bucket + "/dynamodb-backups/" + table + "/")
                .contains("PASS  pitr                 " + table)
                .contains("PASS  native-backup        " + table + "  newest AVAILABLE backup " + table + "-nightly")
                .doesNotContain("item#").doesNotContain("ünïcødé"));
        assertThat(failures.drain()).isEmpty();
        List<String> names = cloudWatch.listMetrics(b -> b.namespace(env.get("METRICS_NAMESPACE"))).metrics().stream()
                .map(Metric::metricName).distinct().toList();
        assertThat(names).contains("CheckFailed", "ChecksPassed", "ChecksWarned", "ChecksFailed", "BackupAgeHours", "PitrLagSeconds",
                "NativeBackupAgeHours");
    }

    @Test
    void drillEvent_addsTheRestoreDrill_andEveryAwsCallIsOneTheDocsList() throws IOException {
        JsonNode drill = invoke(handler(env), Files.readAllBytes(Path.of("../events/validation-drill.json")));
        Set<String> calls = new TreeSet<>(IAM.lastWindow());
        JsonNode restoreTest = invoke(handler(env), Files.readAllBytes(Path.of("../events/validation-restore-test.json")));
        calls.addAll(IAM.lastWindow());

        assertThat(drill.get("checks")).extracting(c -> c.get("check").asText()).endsWith("restore-drill");
        assertThat(drill.get("checks").get(5).get("reason").asText()).startsWith("restored and compared 80 items from ");
        assertThat(restoreTest.get("checks")).singleElement().satisfies(c -> assertThat(c.get("reason").asText())
                .startsWith("restored table " + EVENT_RESTORED + " is ACTIVE; key (pk S HASH) matches source " + EVENT_SOURCE));
        assertThat(calls).containsExactlyInAnyOrder(
                "Backup:ListBackupJobs", "Backup:PutRestoreValidationResult",
                "CloudWatch:PutMetricData",
                "DynamoDb:BatchGetItem", "DynamoDb:BatchWriteItem", "DynamoDb:CreateTable", "DynamoDb:DeleteTable",
                "DynamoDb:DescribeContinuousBackups", "DynamoDb:DescribeTable", "DynamoDb:ListBackups", "DynamoDb:Scan",
                "DynamoDb:TagResource", "DynamoDb:UpdateContinuousBackups", "DynamoDb:UpdateTimeToLive",
                "S3:GetObject", "S3:HeadBucket", "S3:HeadObject", "S3:ListObjectsV2",
                "Sns:Publish");
    }

    @Test
    void restoreTestEvent_validatesTheRestoredTable_andTellsAwsBackup() throws IOException {
        JsonNode out = invoke(handler(env), Files.readAllBytes(Path.of("../events/validation-restore-test.json")));

        assertThat(out.get("status").asText()).isEqualTo("PASSED");
        List<LoggedRequest> sent = backup.findAll(putRequestedFor(urlEqualTo("/restore-jobs/" + EVENT_JOB + "/validations")));
        assertThat(sent).singleElement().satisfies(r -> assertThat(JSON.readTree(r.getBodyAsString()).get("ValidationStatus").asText())
                .isEqualTo("SUCCESSFUL"));
        assertThat(successes.drain()).singleElement().asString().contains("PASS  restore-test         " + EVENT_SOURCE + "  restored table "
                + EVENT_RESTORED);
    }

    @Test
    void failingCheck_throwsAfterNotifyingTheFailureTopic() {
        Map<String, String> stale = new HashMap<>(env);
        stale.put("MAX_BACKUP_AGE_HOURS", "0.0001");
        stale.remove("CHECK_AWS_BACKUP_JOBS");
        ValidationHandler handler = handler(stale);
        waitSeconds(1);

        assertThatThrownBy(() -> invoke(handler, new byte[0]))
                .isInstanceOf(ValidationFailedException.class)
                .hasMessageStartingWith("DynamoDB backup validation FAILED: 1 of 4 check(s)\nFAIL  s3-backup-age        " + table);
        assertThat(failures.drain()).singleElement().asString().startsWith("FAIL  s3-backup-age        " + table + "  latest complete backup ");
        assertThat(successes.drain()).isEmpty();
    }

    @Test
    void unknownTable_isAConfigErrorNamingTheVariable_notifiedBeforeAnyCheck() {
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("PROTECTED_TABLES", table + ",NoSuchTable");

        assertThatThrownBy(() -> invoke(handler(wrong), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PROTECTED_TABLES: table 'NoSuchTable' does not exist in this account and region; check the names and AWS_REGION");
        assertThat(failures.drain()).singleElement().asString().startsWith("PROTECTED_TABLES: table 'NoSuchTable' does not exist");
        assertThat(IAM.lastWindow()).containsExactlyInAnyOrder("DynamoDb:DescribeTable", "Sns:Publish");
    }

    @Test
    void badEvent_isRefusedNamingTheField_andNotified() {
        assertThatThrownBy(() -> invoke(handler(env), "{\"drill\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessage("drill: must be true or false, got 1");
        assertThat(failures.drain()).singleElement().asString().isEqualTo("drill: must be true or false, got 1");
    }

    @Test
    void productionWiring_fromSettingsAndClients_runsTheChecks() throws IOException {
        Map<String, String> variables = new HashMap<>(env);
        variables.remove("CHECK_AWS_BACKUP_JOBS");
        try (AwsClients clients = awsClients()) {
            JsonNode out = invoke(new ValidationHandler(new Settings(variables), clients), new byte[0]);

            assertThat(out.get("status").asText()).isEqualTo("PASSED");
            assertThat(out.get("passed").asInt()).isEqualTo(4);
        }
        assertThat(successes.drain()).singleElement().asString().contains("PASS  s3-backup-integrity  " + table);
    }

    @Test
    void badSettingAtInit_isNotifiedAndThrownByEveryInvocation_namingTheVariable() {
        Map<String, String> variables = new HashMap<>(env);
        variables.put("MAX_BACKUP_AGE_HOURS", "-1");
        try (AwsClients clients = awsClients()) {
            ValidationHandler handler = new ValidationHandler(new Settings(variables), clients);

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> invoke(handler, new byte[0])).isInstanceOf(ConfigException.class)
                        .hasMessage("MAX_BACKUP_AGE_HOURS: must be between 0.0 and 87600.0, got -1");
            }
        }
        assertThat(failures.drain()).hasSize(2).allSatisfy(m -> assertThat(m)
                .isEqualTo("MAX_BACKUP_AGE_HOURS: must be between 0.0 and 87600.0, got -1"));
    }

    private static AwsClients awsClients() {
        return new AwsClients(EmulatorClients.REGION, 8, new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(),
                moto.endpoint(), URI.create(backup.baseUrl())), EmulatorClients.credentialsProvider());
    }

    private static ValidationHandler handler(Map<String, String> variables) {
        ValidationConfig config = ValidationConfig.from(new Settings(variables));
        Notifier notifier = new SnsNotifier(sns, config.successTopicArn(), config.failureTopicArn());
        RestoreService restores = new RestoreService(ddb, s3, null, Notifier.none(), MetricsPublisher.none(), RestoreOptions.DEFAULT,
                Clock.systemUTC());
        ValidationService service = new ValidationService(ddb, s3, backupClient, new RestoreDrill(restores, ddb), notifier,
                new CloudWatchMetricsPublisher(cloudWatch, config.metricsNamespace()), config.restoreTest(), Clock.systemUTC());
        return new ValidationHandler(service, config, notifier);
    }

    private static JsonNode invoke(ValidationHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(600_000)));
        return JSON.readTree(out.toByteArray());
    }

    private static void waitSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
