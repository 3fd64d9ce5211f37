package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.backup.TestContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.retry.Backoff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler end to end against a local HTTP server standing in for CloudFormation's presigned response
 * URL, with hand-written restore tests: what is PUT, when, and how often.
 */
class RestoreTestHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T01:00:00Z"), ZoneOffset.UTC);
    private static final long LAMBDA_TIMEOUT_MILLIS = 60_000;

    private ResponseServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = new ResponseServer();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.close();
    }

    @Test
    void create_whenTestPasses_putsSuccessWithCountsToTheResponseUrl() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(10);

        invoke(handler(test), event("cfn-create.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).singleElement().satisfies(r -> {
            assertThat(r.tableName()).isEqualTo("Orders");
            assertThat(r.backupBucket()).isEqualTo("team-dynamodb-backups");
            assertThat(r.prefix()).isEqualTo("dynamodb-backups");
            assertThat(r.scratchTable()).matches("Orders-restore-test-20261121T010000Z-[0-9a-f]{4}");
        });
        ResponseServer.Received put = onlyRequest();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo(server.presignedUrl().getRawPath());
        assertThat(put.rawQuery()).as("the signed query goes out untouched").isEqualTo(server.presignedUrl().getRawQuery());
        assertThat(put.header("Content-Type")).as("present and empty, as the URL was signed").isEmpty();
        assertThat(put.header("Content-Length")).isEqualTo(Integer.toString(put.body().length));
        JsonNode body = JSON.readTree(put.body());
        assertThat(fieldNames(body)).containsExactly("Status", "Reason", "PhysicalResourceId", "StackId", "RequestId",
                "LogicalResourceId", "NoEcho", "Data");
        assertThat(body.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo("restore-test-Orders");
        assertThat(body.get("StackId").asText())
                .isEqualTo("arn:aws:cloudformation:us-east-1:123456789012:stack/backup-stack/5b918d10-cd98-11ea-90d5-0a9cd3354c10");
        assertThat(body.get("RequestId").asText()).isEqualTo("7f2a5c1e-0b1d-4c3e-9a8f-1d2e3f4a5b6c");
        assertThat(body.get("LogicalResourceId").asText()).isEqualTo("TestRestore");
        assertThat(body.get("NoEcho").asBoolean(true)).isFalse();
        JsonNode data = body.get("Data");
        assertThat(data.get("Passed").asText()).isEqualTo("true");
        assertThat(data.get("ItemsExpected").asText()).isEqualTo("10");
        assertThat(data.get("ItemsFound").asText()).isEqualTo("10");
        assertThat(data.get("ItemsDifferent").asText()).isEqualTo("0");
        assertThat(data.get("ItemsMissing").asText()).isEqualTo("0");
        assertThat(data.get("Seconds").asText()).isEqualTo("12.3");
        assertThat(data.get("ScratchTable").asText()).isEqualTo(test.requests().get(0).scratchTable());
        assertThat(body.get("Reason").asText()).contains("Orders", "passed", "expected 10, found 10");
    }

    @Test
    void create_whenOutcomeDidNotPass_putsFailedWithTheOutcomesReasonAndCounts() throws IOException {
        RecordingRestoreTest test = new RecordingRestoreTest((request, deadline) -> new RestoreTestOutcome(false,
                request.scratchTable(), 10, 9, 1, 1, 3.0, "2 items differ from the backup"));

        invoke(handler(test), event("cfn-create.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo("restore-test-Orders");
        assertThat(body.get("Reason").asText())
                .contains("Orders", "did not pass", "2 items differ from the backup",
                        "expected 10, found 9, different 1, missing 1", "log stream 2026/11/21/[$LATEST]test");
        assertThat(body.get("Data").get("Passed").asText()).isEqualTo("false");
        assertThat(body.get("Data").get("ItemsMissing").asText()).isEqualTo("1");
    }

    @Test
    void create_whenTestThrows_putsFailedWithTheExceptionsFirstLine() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.throwing(
                new IllegalStateException("no backup of Orders under s3://team-dynamodb-backups/dynamodb-backups/\nsecond line"));

        invoke(handler(test), event("cfn-create.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("Reason").asText())
                .contains("Restore test of table Orders failed: no backup of Orders under s3://team-dynamodb-backups/dynamodb-backups/",
                        "scratch table " + test.requests().get(0).scratchTable() + " may remain")
                .doesNotContain("second line");
    }

    @Test
    void create_whenTestOutlastsTheDeadline_putsFailedBeforeTheLambdaTimeout() throws IOException {
        long[] deadlineNearAt = new long[1];
        RecordingRestoreTest test = RecordingRestoreTest.blockingUntil(release, deadlineNearAt);
        TestContext context = new TestContext(3_000);
        RestoreTestHandler handler = handler(test, Map.of("RESPONSE_MARGIN_SECONDS", "1", "CLEANUP_MARGIN_SECONDS", "0.5"));

        invoke(handler, event("cfn-create.json"), context);

        ResponseServer.Received put = onlyRequest();
        assertThat(put.arrivedAtNanos()).as("answered before Lambda would kill the invocation").isLessThan(context.timeoutAtNanos());
        long answeredAfterMillis = 3_000 - (context.timeoutAtNanos() - put.arrivedAtNanos()) / 1_000_000;
        assertThat(answeredAfterMillis).as("waited for the test until the response margin").isBetween(1_900L, 2_900L);
        assertThat(deadlineNearAt[0]).as("the test was told to stop before the handler gave up")
                .isPositive().isLessThan(put.arrivedAtNanos());
        JsonNode body = JSON.readTree(put.body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo("restore-test-Orders");
        assertThat(body.get("Reason").asText()).contains("ran out of time",
                "scratch table " + test.requests().get(0).scratchTable() + " may remain");
    }

    @Test
    void create_whenLessTimeLeftThanTheResponseMargin_putsFailedWithoutStartingTheTest() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(10);

        invoke(handler(test, Map.of("RESPONSE_MARGIN_SECONDS", "30")), event("cfn-create.json"), new TestContext(20_000));

        assertThat(test.requests()).isEmpty();
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("Reason").asText()).contains("not started", "RESPONSE_MARGIN_SECONDS", "raise the function's timeout");
    }

    @Test
    void delete_answersSuccessAtOnceWithoutRunningTheTest() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(10);

        invoke(handler(test), event("cfn-delete.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).isEmpty();
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo("restore-test-Orders");
        assertThat(body.get("RequestId").asText()).isEqualTo("4a6c8e0f-2b4d-4f6a-8c0e-1a3b5c7d9e0f");
    }

    @Test
    void update_runsTheTestOnTheNewPropertiesAndEchoesThePhysicalResourceId() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(3);

        invoke(handler(test), event("cfn-update.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).singleElement().extracting(RestoreTestRequest::tableName).isEqualTo("OrdersV2");
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("PhysicalResourceId").asText()).as("an id change would make CloudFormation replace the resource")
                .isEqualTo("restore-test-Orders");
    }

    @Test
    void create_whenTableNameMissingAndNoDefault_putsFailedNamingTheProperty() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(10);
        byte[] event = event("cfn-create.json", e -> ((ObjectNode) e.get("ResourceProperties")).remove("TableName"));

        invoke(handler(test), event, new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).isEmpty();
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo("restore-test-TestRestore");
        assertThat(body.get("Reason").asText()).contains("TableName: is not set", "RESTORE_TEST_TABLE");
    }

    @Test
    void create_whenBucketPropertyIsAnS3Url_putsFailedNamingTheProperty() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(10);
        byte[] event = event("cfn-create.json",
                e -> ((ObjectNode) e.get("ResourceProperties")).put("BackupBucket", "s3://team-dynamodb-backups"));

        invoke(handler(test), event, new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).isEmpty();
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("Reason").asText()).contains("BackupBucket: must be a bucket name");
    }

    @Test
    void create_whenPropertiesAreAbsent_usesTheEnvironmentDefaults() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(1);
        byte[] event = event("cfn-create.json", e -> ((ObjectNode) e.get("ResourceProperties"))
                .remove(List.of("TableName", "BackupBucket", "BackupPrefix")));

        invoke(handler(test, Map.of("RESTORE_TEST_TABLE", "Customers", "BACKUP_BUCKET", "env-bucket", "BACKUP_PREFIX", "team/backups/")),
                event, new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).singleElement().satisfies(r -> {
            assertThat(r.tableName()).isEqualTo("Customers");
            assertThat(r.backupBucket()).isEqualTo("env-bucket");
            assertThat(r.prefix()).isEqualTo("team/backups");
        });
        assertThat(JSON.readTree(onlyRequest().body()).get("PhysicalResourceId").asText()).isEqualTo("restore-test-Customers");
    }

    @Test
    void unknownRequestType_putsFailedNamingRequestType() throws IOException {
        RecordingRestoreTest test = RecordingRestoreTest.passing(1);

        invoke(handler(test), event("cfn-create.json", e -> e.put("RequestType", "Replace")), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(test.requests()).isEmpty();
        JsonNode body = JSON.readTree(onlyRequest().body());
        assertThat(body.get("Status").asText()).isEqualTo("FAILED");
        assertThat(body.get("Reason").asText()).contains("RequestType: must be Create, Update or Delete, got 'Replace'");
    }

    @Test
    void eventWithoutResponseUrl_throwsNamingTheFieldAndPutsNothing() {
        RecordingRestoreTest test = RecordingRestoreTest.passing(1);
        byte[] event = event("cfn-create.json", e -> e.remove("ResponseURL"));

        assertThatThrownBy(() -> invoke(handler(test), event, new TestContext(LAMBDA_TIMEOUT_MILLIS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ResponseURL: is missing")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("ResponseURL");
        assertThat(test.requests()).isEmpty();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void responseServerFailingTwiceWith500_isRetriedUntilItAccepts() throws IOException {
        server.answerWith(500, 503);

        invoke(handler(RecordingRestoreTest.passing(10)), event("cfn-create.json"), new TestContext(LAMBDA_TIMEOUT_MILLIS));

        assertThat(server.received()).hasSize(3).allSatisfy(r -> assertThat(r.method()).isEqualTo("PUT"));
        byte[] first = server.received().get(0).body();
        assertThat(server.received()).allSatisfy(r -> assertThat(r.body()).isEqualTo(first));
        assertThat(JSON.readTree(first).get("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void responseServerAlwaysFailing_throwsNamingTheHostButNotTheSignature() {
        server.answerWith(500, 500, 500, 500);

        assertThatThrownBy(() -> invoke(handler(RecordingRestoreTest.passing(10)), event("cfn-create.json"),
                new TestContext(LAMBDA_TIMEOUT_MILLIS)))
                .isInstanceOf(CfnResponseException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("4 attempts failed, the last with HTTP 500")
                .hasMessageNotContaining("X-Amz-Signature")
                .hasMessageNotContaining("0badc0ffee0ddf00d");
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void responseUrlRefusingWith403_isNotRetried() {
        server.answerWith(403);

        assertThatThrownBy(() -> invoke(handler(RecordingRestoreTest.passing(10)), event("cfn-create.json"),
                new TestContext(LAMBDA_TIMEOUT_MILLIS)))
                .isInstanceOf(CfnResponseException.class)
                .hasMessageContaining("refused with HTTP 403")
                .hasMessageNotContaining("0badc0ffee0ddf00d");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void responseUrlNotListening_throwsAfterRetriesWithoutTheSignature() throws IOException {
        byte[] event = event("cfn-create.json");
        server.close();

        assertThatThrownBy(() -> invoke(handler(RecordingRestoreTest.passing(10)), event, new TestContext(LAMBDA_TIMEOUT_MILLIS)))
                .isInstanceOf(CfnResponseException.class)
                .hasMessageContaining("4 attempts failed")
                .hasMessageNotContaining("0badc0ffee0ddf00d");
    }

    @Test
    void output_isTheAnswersStatusAndId() throws IOException {
        ByteArrayOutputStream out = invoke(handler(RecordingRestoreTest.passing(10)), event("cfn-create.json"),
                new TestContext(LAMBDA_TIMEOUT_MILLIS));

        JsonNode output = JSON.readTree(out.toByteArray());
        assertThat(output.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(output.get("PhysicalResourceId").asText()).isEqualTo("restore-test-Orders");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("0badc0ffee0ddf00d");
    }

    private RestoreTestHandler handler(RestoreTest test) {
        return handler(test, Map.of());
    }

    private RestoreTestHandler handler(RestoreTest test, Map<String, String> env) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        CfnResponseSender sender = new CfnResponseSender(client, Duration.ofSeconds(2), 4,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        return new RestoreTestHandler(test, RestoreTestConfig.from(new Settings(env)), sender, CLOCK);
    }

    private static ByteArrayOutputStream invoke(RestoreTestHandler handler, byte[] event, TestContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return out;
    }

    private ResponseServer.Received onlyRequest() {
        assertThat(server.received()).hasSize(1);
        return server.received().get(0);
    }

    private byte[] event(String fixture) {
        return event(fixture, e -> { });
    }

    /** A fixture from src/test/resources/events/, answering to this test's server, changed by {@code edit}. */
    private byte[] event(String fixture, Consumer<ObjectNode> edit) {
        try (InputStream in = getClass().getResourceAsStream("/events/" + fixture)) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("ResponseURL", server.presignedUrl().toString());
            edit.accept(event);
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
