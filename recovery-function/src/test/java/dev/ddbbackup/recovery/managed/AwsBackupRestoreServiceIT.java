package dev.ddbbackup.recovery.managed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.emulators.iam.IamRecording;
import dev.ddbbackup.recovery.RecoveryHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * AWS Backup restore jobs through the real SDK against WireMock (no emulator runs AWS Backup jobs),
 * answering as AWS Backup does: StartRestoreJob is {@code PUT /restore-jobs}, DescribeRestoreJob
 * {@code GET /restore-jobs/{id}}. DynamoDB (for the target check) is moto.
 */
@ExtendWith(MotoExtension.class)
class AwsBackupRestoreServiceIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(RecoveryHandler.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backoff FAST_POLL = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    private static final String ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
    private static final String RECOVERY_POINT = "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
    private static final String JOB_ID = "9F2C6B1E-4A7D-3E58-B0C1-6D8E2F4A7B93";
    private static final String JOB_PATH = "/restore-jobs/" + JOB_ID;

    @RegisterExtension
    static WireMockExtension backup = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MotoServer moto;
    private final AwsClients clients;

    AwsBackupRestoreServiceIT(MotoServer moto) {
        this.moto = moto;
        this.clients = new AwsClients(EmulatorClients.REGION, 4,
                new AwsClients.Endpoints(moto.endpoint(), null, null, null, URI.create(backup.baseUrl())),
                EmulatorClients.credentialsProvider());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void restore_jobGoesPendingRunningCompleted_completedWithTheTable() throws IOException {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).inScenario("job").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(job("PENDING", null, null, target)).willSetStateTo("running"));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).inScenario("job").whenScenarioStateIs("running")
                .willReturn(job("RUNNING", null, "42.00%", target)).willSetStateTo("completed"));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).inScenario("job").whenScenarioStateIs("completed")
                .willReturn(job("COMPLETED", null, "100.00%", target)));

        AwsBackupRestoreResult result = IAM.during(() -> service().restore(request(target, true), bounded()));

        assertThat(result.status()).isEqualTo(AwsBackupRestoreResult.Status.COMPLETED);
        assertThat(result.restoreJobId()).isEqualTo(JOB_ID);
        assertThat(result.jobStatus()).isEqualTo("COMPLETED");
        assertThat(result.createdResourceArn()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/" + target);
        assertThat(result.message()).contains("restored").contains("does not bring back TTL");
        assertThat(backup.findAll(getRequestedFor(urlEqualTo(JOB_PATH)))).hasSize(3);

        List<LoggedRequest> starts = backup.findAll(putRequestedFor(urlEqualTo("/restore-jobs")));
        assertThat(starts).hasSize(1);
        JsonNode body = JSON.readTree(starts.get(0).getBodyAsString());
        assertThat(body.get("RecoveryPointArn").asText()).isEqualTo(RECOVERY_POINT);
        assertThat(body.get("IamRoleArn").asText()).isEqualTo(ROLE);
        assertThat(body.get("ResourceType").asText()).isEqualTo("DynamoDB");
        assertThat(JSON.convertValue(body.get("Metadata"), Map.class))
                .isEqualTo(Map.of("targetTableName", target, "encryptionType", "Default"));
        assertThat(body.get("IdempotencyToken").asText()).isNotBlank();
        assertThat(starts.get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/backup/aws4_request");
    }

    @Test
    void restore_jobFails_failedWithAwsBackupsReason() {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).inScenario("job").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(job("RUNNING", null, "10.00%", target)).willSetStateTo("failed"));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).inScenario("job").whenScenarioStateIs("failed")
                .willReturn(job("FAILED", "IAM Role " + ROLE + " does not have sufficient permissions to execute the restore", null, target)));

        AwsBackupRestoreResult result = IAM.during(() -> service().restore(request(target, true), bounded()));

        assertThat(result.status()).isEqualTo(AwsBackupRestoreResult.Status.FAILED);
        assertThat(result.jobStatus()).isEqualTo("FAILED");
        assertThat(result.statusMessage()).contains("does not have sufficient permissions");
        assertThat(result.message()).contains(JOB_ID).contains("FAILED: IAM Role");
        assertThat(result.createdResourceArn()).isNull();
    }

    @Test
    void restore_jobAborted_failed() {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).willReturn(job("ABORTED", "Restore job was cancelled", null, target)));

        AwsBackupRestoreResult result = IAM.during(() -> service().restore(request(target, true), bounded()));

        assertThat(result.status()).isEqualTo(AwsBackupRestoreResult.Status.FAILED);
        assertThat(result.statusMessage()).isEqualTo("Restore job was cancelled");
    }

    @Test
    void restore_throttled_sdkRetriesWithTheSameIdempotencyToken() throws IOException {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("calm"));
        backup.stubFor(put(urlEqualTo("/restore-jobs")).inScenario("throttle").whenScenarioStateIs("calm").willReturn(started()));

        AwsBackupRestoreResult result = service().restore(request(target, false), bounded());

        assertThat(result.restoreJobId()).isEqualTo(JOB_ID);
        List<LoggedRequest> starts = backup.findAll(putRequestedFor(urlEqualTo("/restore-jobs")));
        assertThat(starts).hasSize(2);
        assertThat(JSON.readTree(starts.get(1).getBodyAsString()).get("IdempotencyToken"))
                .isEqualTo(JSON.readTree(starts.get(0).getBodyAsString()).get("IdempotencyToken"));
    }

    @Test
    void restore_notWaiting_returnsJobIdWithoutPolling() {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));

        AwsBackupRestoreResult result = service().restore(request(target, false), bounded());

        assertThat(result.status()).isEqualTo(AwsBackupRestoreResult.Status.RUNNING);
        assertThat(result.restoreJobId()).isEqualTo(JOB_ID);
        assertThat(result.jobStatus()).isNull();
        assertThat(result.message()).contains("describe-restore-job --restore-job-id " + JOB_ID);
        assertThat(backup.findAll(getRequestedFor(urlPathMatching("/restore-jobs/.*")))).isEmpty();
    }

    @Test
    void restore_deadlineBeforeJobEnds_runningWithJobIdAndProgress() {
        String target = UniqueName.next("orders-dr");
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).willReturn(job("RUNNING", null, "42.00%", target)));

        AwsBackupRestoreResult result = service().restore(request(target, true), Deadline.of(() -> 500, 1000));

        assertThat(result.status()).isEqualTo(AwsBackupRestoreResult.Status.RUNNING);
        assertThat(result.restoreJobId()).isEqualTo(JOB_ID);
        assertThat(result.jobStatus()).isEqualTo("RUNNING");
        assertThat(result.message()).contains("still RUNNING (42.00% done)").contains("out of time");
        assertThat(backup.findAll(getRequestedFor(urlEqualTo(JOB_PATH)))).hasSize(1);
    }

    @Test
    void restore_targetExists_failsBeforeStartingAJob() {
        String target = UniqueName.next("orders-dr");
        clients.dynamoDb().createTable(b -> b.tableName(target).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));

        assertThatThrownBy(() -> service().restore(request(target, true), bounded()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("target_table: table '" + target + "' already exists");
        assertThat(backup.findAll(putRequestedFor(urlEqualTo("/restore-jobs")))).isEmpty();
    }

    @Test
    void restore_unknownRecoveryPoint_namesField() {
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Code\":\"ResourceNotFoundException\",\"Message\":\"Recovery point " + RECOVERY_POINT
                        + " not found\",\"Type\":\"User\"}")));

        assertThatThrownBy(() -> service().restore(request(UniqueName.next("orders-dr"), true), bounded()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("recoveryPointArn: AWS Backup has no recovery point " + RECOVERY_POINT)
                .hasMessageContaining("not found");
    }

    @Test
    void restore_statusUnreadable_errorCarriesJobId() {
        backup.stubFor(put(urlEqualTo("/restore-jobs")).willReturn(started()));
        backup.stubFor(get(urlEqualTo(JOB_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"Message\":\"User is not authorized to perform: backup:DescribeRestoreJob\"}")));

        assertThatThrownBy(() -> service().restore(request(UniqueName.next("orders-dr"), true), bounded()))
                .isInstanceOf(RestoreJobCheckException.class)
                .hasMessageContaining("restore job " + JOB_ID)
                .hasMessageContaining("not authorized to perform: backup:DescribeRestoreJob")
                .extracting(e -> ((RestoreJobCheckException) e).restoreJobId()).isEqualTo(JOB_ID);
    }

    private AwsBackupRestoreService service() {
        return new AwsBackupRestoreService(clients.backup(), clients.dynamoDb(), FAST_POLL, Clock.systemUTC());
    }

    private static AwsBackupRestoreRequest request(String target, boolean wait) {
        return new AwsBackupRestoreRequest(RECOVERY_POINT, target, ROLE, wait);
    }

    private static ResponseDefinitionBuilder started() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"RestoreJobId\":\"" + JOB_ID + "\"}");
    }

    /** DescribeRestoreJob's answer in the given state. */
    private static ResponseDefinitionBuilder job(String status, String statusMessage, String percentDone, String target) {
        StringBuilder body = new StringBuilder("{\"AccountId\":\"123456789012\",\"RestoreJobId\":\"" + JOB_ID + "\","
                + "\"RecoveryPointArn\":\"" + RECOVERY_POINT + "\","
                + "\"BackupVaultArn\":\"arn:aws:backup:us-east-1:123456789012:backup-vault:Default\","
                + "\"SourceResourceArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/Orders\","
                + "\"CreationDate\":1.795345200123E9,\"Status\":\"" + status + "\",\"BackupSizeInBytes\":1048576,"
                + "\"IamRoleArn\":\"" + ROLE + "\",\"ExpectedCompletionTimeMinutes\":5,\"ResourceType\":\"DynamoDB\","
                + "\"RecoveryPointCreationDate\":1.7953416E9");
        if (statusMessage != null) {
            body.append(",\"StatusMessage\":").append(JSON.getNodeFactory().textNode(statusMessage).toString());
        }
        if (percentDone != null) {
            body.append(",\"PercentDone\":\"").append(percentDone).append('"');
        }
        if ("COMPLETED".equals(status)) {
            body.append(",\"CompletionDate\":1.7953455E9,\"CreatedResourceArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/")
                    .append(target).append('"');
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.append('}').toString());
    }

    /** Half a minute at most, so a restore that never ends fails the test instead of hanging it. */
    private static Deadline bounded() {
        long end = System.currentTimeMillis() + 30_000;
        return Deadline.of(() -> end - System.currentTimeMillis(), 0);
    }
}
