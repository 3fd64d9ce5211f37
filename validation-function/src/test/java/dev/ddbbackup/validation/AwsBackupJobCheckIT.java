package dev.ddbbackup.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS Backup job check through the real SDK against WireMock answering ListBackupJobs as AWS Backup
 * does ({@code GET /backup-jobs/}, REST-JSON, epoch-second dates, pages chained by NextToken), since no
 * emulator runs AWS Backup jobs. The protected tables live in moto, which gives their ARNs.
 */
@ExtendWith(MotoExtension.class)
class AwsBackupJobCheckIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/backup-jobs/";
    private static final String TOKEN_2 = "AAEAAYOdPQ8lM1u6/Gc7WKrfw0yUbN4mGcPEj5VZ2rLbA1uJQUFBRQ==";
    private static final String TOKEN_3 = "AAEAAbPz0mXq4TQ2dWcr8JdH7n1ciKkIu9oFCEcJ9nMTE0l7QUFBRg==";
    private static final String PLAN = "arn:aws:backup:us-east-1:123456789012:backup-plan:8a6c2f5e-3b1d-4e7a-9c0f-2d4b6e8a1c3f";
    private static final String VAULT = "dynamodb-backup-vault";

    @RegisterExtension
    static WireMockExtension backup = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AwsClients clients;
    private final DynamoDbClient ddb;
    private final MotoFixture fixture;
    private final Instant now = Instant.now();

    AwsBackupJobCheckIT(MotoServer moto) {
        clients = new AwsClients(EmulatorClients.REGION, 4,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), null, null, URI.create(backup.baseUrl())),
                EmulatorClients.credentialsProvider());
        ddb = clients.dynamoDb();
        fixture = new MotoFixture(ddb, clients.s3(), clients.backup());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void jobs_overThreePages_eachTableJudgedOnItsOwnJobs() throws Exception {
        String ok = fixture.table("jobs-ok", 1);
        String failing = fixture.table("jobs-failing", 1);
        String issues = fixture.table("jobs-issues", 1);
        String recovered = fixture.table("jobs-recovered", 1);
        String none = fixture.table("jobs-none", 1);
        String other = "arn:aws:dynamodb:us-east-1:123456789012:table/not-protected";

        backup.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("nextToken", absent()).willReturn(page(TOKEN_2,
                job(arn(failing), "FAILED", 3, "AccessDenied", "Insufficient privileges to perform this action."),
                job(other, "COMPLETED", 4, "SUCCESS", null),
                job(arn(recovered), "FAILED", 20, "InvalidParameters",
                        "Backup job failed because the table is being deleted or restored."))));
        backup.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("nextToken", equalTo(TOKEN_2)).willReturn(page(TOKEN_3,
                job(arn(failing), "ABORTED", 5, "ABORTED", "Backup job was stopped by user."),
                job(arn(issues), "COMPLETED", 6, "InvalidParameters",
                        "Backup job completed, but the table's tags could not be copied to the recovery point."),
                job(arn(failing), "EXPIRED", 7, "EXPIRED", "Backup job failed because it did not start within the start window."))));
        backup.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("nextToken", equalTo(TOKEN_3)).willReturn(page(null,
                job(arn(ok), "COMPLETED", 2, "SUCCESS", null),
                job(arn(failing), "PARTIAL", 8, "PARTIAL", "Some items could not be backed up."),
                job(arn(recovered), "COMPLETED", 1, "SUCCESS", null),
                job(arn(ok), "RUNNING", 0, null, null))));
        List<Metric> metrics = MotoFixture.metrics();

        ValidationReport report = fixture.service(Clock.systemUTC(), metrics).run(plan(List.of(ok, failing, issues, recovered, none)),
                Deadline.none());

        assertThat(report.checks()).extracting(CheckResult::table, CheckResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ok, Outcome.PASS),
                org.assertj.core.groups.Tuple.tuple(failing, Outcome.FAIL),
                org.assertj.core.groups.Tuple.tuple(issues, Outcome.WARN),
                org.assertj.core.groups.Tuple.tuple(recovered, Outcome.WARN),
                org.assertj.core.groups.Tuple.tuple(none, Outcome.FAIL));
        assertThat(report.checks().get(0).reason()).startsWith("COMPLETED job ").endsWith("(1 COMPLETED in the last 24 h); 1 job(s) still in progress");
        assertThat(report.checks().get(1).reason()).startsWith("no COMPLETED AWS Backup job in the last 24 h: FAILED job ")
                .contains("Insufficient privileges to perform this action.").contains("ABORTED job ").contains("EXPIRED job ")
                .contains("PARTIAL job ").contains("Some items could not be backed up.");
        assertThat(report.checks().get(2).reason()).contains("but 1 completed with issues: COMPLETED with issues (InvalidParameters) job ")
                .contains("tags could not be copied");
        assertThat(report.checks().get(3).reason()).contains("(1 COMPLETED in the last 24 h), but 1 FAILED: FAILED job ")
                .contains("the table is being deleted or restored");
        assertThat(report.checks().get(4).reason()).startsWith("no AWS Backup job in the last 24 h");
        assertThat(report.ok()).isFalse();
        assertThat(metrics).filteredOn(m -> m.name().equals("CheckFailed") && m.value() == 1.0)
                .extracting(m -> m.dimensions().get("TableName")).containsExactly(failing, none);

        List<LoggedRequest> requests = backup.findAll(getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.queryParameter("nextToken").isPresent() ? r.queryParameter("nextToken").firstValue() : null)
                .containsExactly(null, TOKEN_2, TOKEN_3);
        for (LoggedRequest r : requests) {
            assertThat(r.queryParameter("resourceType").firstValue()).isEqualTo("DynamoDB");
            Instant createdAfter = Instant.parse(r.queryParameter("createdAfter").firstValue());
            assertThat(createdAfter).isBetween(now.minus(Duration.ofHours(24)).minusSeconds(60), now.minus(Duration.ofHours(24)).plusSeconds(60));
            assertThat(r.getHeader("Authorization")).contains("/backup/aws4_request");
        }
    }

    @Test
    void jobs_accessDenied_failsThatCheckWithTheReason_whileThePitrCheckStillRuns() {
        String table = fixture.table("jobs-denied", 1);
        ddb.updateContinuousBackups(b -> b.tableName(table).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        backup.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody("{\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/validation-role/validation is not authorized to "
                        + "perform: backup:ListBackupJobs\"}")));
        ValidationPlan plan = new ValidationPlan(List.of(table), null, Duration.ofHours(24), Duration.ofMinutes(15), null, false,
                ValidationPlan.Fields.ENVIRONMENT);

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(plan, Deadline.none());

        assertThat(report.checks()).extracting(CheckResult::check, CheckResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Check.AWS_BACKUP_JOBS, Outcome.FAIL),
                org.assertj.core.groups.Tuple.tuple(Check.PITR, Outcome.PASS));
        assertThat(report.checks().get(0).reason()).startsWith("could not run: AccessDeniedException: User: ")
                .contains("is not authorized to perform: backup:ListBackupJobs");
    }

    private ValidationPlan plan(List<String> tables) {
        return new ValidationPlan(tables, null, Duration.ofHours(24), null, null, false, ValidationPlan.Fields.ENVIRONMENT);
    }

    private String arn(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    private static ResponseDefinitionBuilder page(String nextToken, ObjectNode... jobs) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("BackupJobs");
        for (ObjectNode j : jobs) {
            list.add(j);
        }
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body.toString());
    }

    /** A job as ListBackupJobs returns it, created {@code hoursAgo} hours ago. */
    private ObjectNode job(String resourceArn, String state, int hoursAgo, String category, String message) {
        String id = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        double created = now.minus(Duration.ofHours(hoursAgo)).toEpochMilli() / 1000.0;
        ObjectNode j = JSON.createObjectNode();
        j.put("AccountId", "123456789012");
        j.put("BackupJobId", id);
        j.put("BackupVaultName", VAULT);
        j.put("BackupVaultArn", "arn:aws:backup:us-east-1:123456789012:backup-vault:" + VAULT);
        j.put("ResourceArn", resourceArn);
        j.put("ResourceName", resourceArn.substring(resourceArn.lastIndexOf('/') + 1));
        j.put("ResourceType", "DynamoDB");
        j.put("CreationDate", created);
        j.put("InitiationDate", created);
        j.put("StartBy", created + 3600);
        j.put("State", state);
        j.put("IamRoleArn", "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole");
        j.put("BackupType", "");
        j.put("IsParent", false);
        ObjectNode by = j.putObject("CreatedBy");
        by.put("BackupPlanArn", PLAN);
        by.put("BackupPlanId", "8a6c2f5e-3b1d-4e7a-9c0f-2d4b6e8a1c3f");
        by.put("BackupPlanVersion", "ZmQ3YzJkYjMtNzQ1Ni00YjA0LWE5NzAtNTk0ZGYxNDQ0NmQ3");
        by.put("BackupRuleId", "c2a7d1e4-9b3f-4a60-8e15-7f0d2c4b6a98");
        if (category != null) {
            j.put("MessageCategory", category);
        }
        if (message != null) {
            j.put("StatusMessage", message);
        }
        if (state.equals("COMPLETED") || state.equals("PARTIAL")) {
            j.put("CompletionDate", created + 95.25);
            j.put("PercentDone", "100.0");
            j.put("BackupSizeInBytes", 48_213);
            j.put("RecoveryPointArn", resourceArn + "/backup/0" + (long) (created * 1000) + "-" + id.substring(0, 8).toLowerCase(java.util.Locale.ROOT));
        } else {
            j.put("PercentDone", state.equals("RUNNING") ? "37.0" : "0.0");
        }
        return j;
    }
}
