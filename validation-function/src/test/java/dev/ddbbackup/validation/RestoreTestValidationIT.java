package dev.ddbbackup.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Validation of AWS Backup restore tests: the restored and source tables live in moto, AWS Backup's
 * PutRestoreValidationResult ({@code PUT /restore-jobs/{id}/validations}) is answered by WireMock, whose
 * recorded request bodies show what AWS Backup was told.
 */
@ExtendWith(MotoExtension.class)
class RestoreTestValidationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:dynamodb_monthly-8d1f5a3e";
    private static final String JOB = "3E5C2A7D-91B4-4F06-8D2E-5A1B7C9E0F34";
    private static final String VALIDATIONS = "/restore-jobs/" + JOB + "/validations";

    @RegisterExtension
    static WireMockExtension backup = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AwsClients clients;
    private final DynamoDbClient ddb;
    private final MotoFixture fixture;

    RestoreTestValidationIT(MotoServer moto) {
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
    void completeCopy_isSuccessful_andAwsBackupIsToldSo() throws Exception {
        String source = fixture.table("rt-src", 150);
        String restored = copy(150);
        acceptValidation();
        List<Metric> metrics = MotoFixture.metrics();

        ValidationReport report = fixture.service(Clock.systemUTC(), metrics).validateRestoreTest(event(source, restored), Deadline.none());

        assertThat(report.ok()).as(report.summary()).isTrue();
        CheckResult r = report.checks().get(0);
        assertThat(r.check()).isEqualTo(Check.RESTORE_TEST);
        assertThat(r.table()).isEqualTo(source);
        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.reason()).isEqualTo("restored table " + restored + " is ACTIVE; key (pk S HASH) matches source " + source
                + "; scanned all 150 items, each with its key attributes; 100 of 100 sampled source keys found in the copy");
        JsonNode sent = onlyValidationSent();
        assertThat(sent.get("ValidationStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(sent.get("ValidationStatusMessage").asText()).isEqualTo(r.reason());
        assertThat(sent.size()).isEqualTo(2);
        assertThat(metrics).filteredOn(m -> m.name().equals("CheckFailed")).singleElement().satisfies(m -> {
            assertThat(m.value()).isZero();
            assertThat(m.dimensions()).isEqualTo(Map.of("Check", "restore-test", "TableName", source));
        });
    }

    @Test
    void emptyCopy_failsAndAwsBackupIsToldFailed() throws Exception {
        String source = fixture.table("rt-src", 5);
        String restored = copy(0);
        acceptValidation();

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).validateRestoreTest(event(source, restored),
                Deadline.none());

        assertThat(report.ok()).isFalse();
        assertThat(report.checks().get(0).reason()).isEqualTo("restored table " + restored
                + " holds 0 items, fewer than the 1 required (RESTORE_TEST_MIN_ITEMS)");
        JsonNode sent = onlyValidationSent();
        assertThat(sent.get("ValidationStatus").asText()).isEqualTo("FAILED");
        assertThat(sent.get("ValidationStatusMessage").asText()).isEqualTo(report.checks().get(0).reason());
    }

    @Test
    void copyMissingSomeSourceKeys_warns_butIsReportedSuccessfulWithTheCount() throws Exception {
        String source = fixture.table("rt-src", 60);
        String restored = copy(52);
        acceptValidation();

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics(), new RestoreTestOptions(1, 1000))
                .validateRestoreTest(event(source, restored), Deadline.none());

        CheckResult r = report.checks().get(0);
        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
        assertThat(r.reason()).endsWith("scanned all 52 items, each with its key attributes; 52 of 60 sampled source keys found in the copy; "
                + "8 missing (written after the recovery point, or lost)");
        assertThat(report.ok()).isTrue();
        assertThat(onlyValidationSent().get("ValidationStatus").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void copyWithAnotherKey_fails() throws Exception {
        String source = fixture.table("rt-src", 3);
        String restored = UniqueName.next("awsbackup-restore-test");
        ddb.createTable(b -> b.tableName(restored).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        ddb.putItem(b -> b.tableName(restored).item(Map.of("pk", AttributeValue.fromN("1"))));
        acceptValidation();

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).validateRestoreTest(event(source, restored),
                Deadline.none());

        assertThat(report.checks().get(0).reason()).isEqualTo("restored table " + restored + " has key (pk N HASH), but source table "
                + source + " has (pk S HASH)");
        assertThat(onlyValidationSent().get("ValidationStatus").asText()).isEqualTo("FAILED");
    }

    @Test
    void restoredTableMissing_fails() throws Exception {
        String source = fixture.table("rt-src", 1);
        acceptValidation();

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics())
                .validateRestoreTest(event(source, "awsbackup-restore-test-gone"), Deadline.none());

        assertThat(report.checks().get(0).reason()).isEqualTo("restored table awsbackup-restore-test-gone does not exist");
        assertThat(onlyValidationSent().get("ValidationStatus").asText()).isEqualTo("FAILED");
    }

    @Test
    void failedRestoreJob_isAFail_andNothingIsSentToAwsBackup() {
        String source = fixture.table("rt-src", 1);
        RestoreTestEvent failed = new RestoreTestEvent(JOB, "FAILED", null, arn(source), PLAN,
                "Access denied to the KMS key of the recovery point.");

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).validateRestoreTest(failed, Deadline.none());

        assertThat(report.checks()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(c.table()).isEqualTo(source);
            assertThat(c.reason()).isEqualTo("restore job " + JOB + " ended FAILED: Access denied to the KMS key of the recovery point.; "
                    + "no table to validate");
        });
        assertThat(backup.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void awsBackupRefusingTheResult_isAReportingError() {
        String source = fixture.table("rt-src", 2);
        String restored = copy(2);
        backup.stubFor(put(urlEqualTo(VALIDATIONS)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "InvalidRequestException")
                .withBody("{\"Message\":\"Validation result cannot be updated after the validation window has closed.\"}")));

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).validateRestoreTest(event(source, restored),
                Deadline.none());

        assertThat(report.checks().get(0).outcome()).isEqualTo(Outcome.PASS);
        assertThat(report.ok()).isFalse();
        assertThat(report.reportingErrors()).singleElement().asString()
                .startsWith("validation result not sent to AWS Backup (PutRestoreValidationResult for job " + JOB
                        + "): InvalidRequestException: Validation result cannot be updated after the validation window has closed.");
    }

    private RestoreTestEvent event(String source, String restored) {
        return new RestoreTestEvent(JOB, "COMPLETED", "arn:aws:dynamodb:us-east-1:123456789012:table/" + restored, arn(source), PLAN, null);
    }

    /** A table like the source, holding its first {@code items} items, named as AWS Backup names restore-test tables. */
    private String copy(int items) {
        String restored = UniqueName.next("awsbackup-restore-test");
        AllTypesTable.create(ddb, restored);
        if (items > 0) {
            AllTypesTable.fill(ddb, restored, items);
        }
        return restored;
    }

    private String arn(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    private static void acceptValidation() {
        backup.stubFor(put(urlEqualTo(VALIDATIONS)).willReturn(aResponse().withStatus(204)));
    }

    private static JsonNode onlyValidationSent() throws Exception {
        List<LoggedRequest> sent = backup.findAll(putRequestedFor(urlEqualTo(VALIDATIONS)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization")).contains("/backup/aws4_request");
        return JSON.readTree(sent.get(0).getBodyAsString());
    }
}
