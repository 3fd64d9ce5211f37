package dev.ddbbackup.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole rotation against DynamoDB answers recorded in shape, where moto falls short: moto 5.2
 * answers ListBackups in one page, ignores BackupType and creates backups AVAILABLE at once. Here
 * ListBackups answers in three pages mixing USER, SYSTEM and AWS_BACKUP backups in every status and a
 * backup of an earlier table of the same name, a new backup stays CREATING for a while, and calls fail;
 * the DeleteBackup calls made are asserted.
 */
class RotationServiceWireMockIT {

    private static final String JSON_10 = "application/x-amz-json-1.0";
    private static final String TARGET = "DynamoDB_20120810.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final String TABLE_ID = "e5a3c1b2-0000-4000-8000-000000000001";
    private static final String EARLIER_TABLE_ID = "0f0f0f0f-0000-4000-8000-0000000000ff";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private DynamoDbClient ddb;

    @BeforeEach
    void client() {
        ddb = EmulatorClients.configure(DynamoDbClient.builder(), URI.create(api.baseUrl())).build();
    }

    @AfterEach
    void close() {
        ddb.close();
    }

    @Test
    void run_overThreeListBackupsPages_deletesOnlyTheOldestUserAvailableBackups_afterTheNewOneIsAvailable() throws IOException {
        stubCreate("CREATING");
        api.stubFor(call("DescribeBackup").inScenario("wait").whenScenarioStateIs(STARTED)
                .willReturn(ok(description("CREATING"))).willSetStateTo("available"));
        api.stubFor(call("DescribeBackup").inScenario("wait").whenScenarioStateIs("available")
                .willReturn(ok(description("AVAILABLE"))));
        stubThreePages();
        stubDeleteOk();

        TableRotationResult r = service(Duration.ofSeconds(10)).run(request(3), Deadline.none()).tables().get(0);

        assertThat(r.status()).as(r.toString()).isEqualTo(TableRotationResult.Status.SUCCEEDED);
        assertThat(deletedArns()).containsExactlyInAnyOrder("arn:u3", "arn:u4", "arn:u5");
        assertThat(r.deleted()).extracting(RetentionPlan.Deletion::arn).containsExactly("arn:u3", "arn:u4", "arn:u5");
        assertThat(r.retained()).extracting(NativeBackup::arn).containsExactly("arn:new", "arn:u1", "arn:u2");
        assertThat(r.inProgress()).extracting(NativeBackup::arn).containsExactly("arn:creating");
        assertThat(r.earlierTable()).extracting(NativeBackup::arn).containsExactly("arn:earlier");
        assertThat(r.created().status()).isEqualTo("AVAILABLE");
        assertThat(r.created().tableId()).isEqualTo(TABLE_ID);
        api.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeBackup")));
        api.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "ListBackups")));
        // the listing happened only once the new backup was AVAILABLE
        List<String> order = new ArrayList<>(api.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("X-Amz-Target"))
                .map(t -> t.substring(TARGET.length())).toList());
        Collections.reverse(order); // served newest first
        assertThat(order.indexOf("ListBackups")).isGreaterThan(order.lastIndexOf("DescribeBackup"));
    }

    @Test
    void run_dryRunOverThreePages_reportsWhatARealRunWouldDelete_butCreatesAndDeletesNothing() {
        api.stubFor(call("DescribeTable").willReturn(ok("{\"Table\":{\"TableName\":\"Movies\",\"TableStatus\":\"ACTIVE\",\"TableId\":\""
                + TABLE_ID + "\"}}")));
        stubThreePages();

        TableRotationResult r = service(Duration.ofSeconds(10)).run(new RotationRequest(List.of("Movies"), new RetentionPolicy(3, null), true),
                Deadline.none()).tables().get(0);

        assertThat(r.status()).isEqualTo(TableRotationResult.Status.SUCCEEDED);
        // a slot stays free for the backup a real run would create, so u2 would go as well
        assertThat(r.wouldDelete()).extracting(RetentionPlan.Deletion::arn).containsExactly("arn:u2", "arn:u3", "arn:u4", "arn:u5");
        assertThat(r.retained()).extracting(NativeBackup::arn).containsExactly("arn:new", "arn:u1");
        assertThat(r.earlierTable()).extracting(NativeBackup::arn).containsExactly("arn:earlier");
        assertThat(r.deleted()).isEmpty();
        assertThat(r.created()).isNull();
        assertThat(count("CreateBackup")).isZero();
        assertThat(count("DeleteBackup")).isZero();
    }

    @Test
    void run_whenTheNewBackupStaysCreatingPastTheWait_failsTheTableAndListsAndDeletesNothing() {
        stubCreate("CREATING");
        api.stubFor(call("DescribeBackup").willReturn(ok(description("CREATING"))));
        stubThreePages();
        stubDeleteOk();

        long started = System.nanoTime();
        RotationRunResult run = service(Duration.ofMillis(400)).run(request(1), Deadline.none());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        TableRotationResult r = run.tables().get(0);
        assertThat(run.ok()).isFalse();
        assertThat(r.error()).isEqualTo("backup Movies-20270115080000 is still CREATING after 0.4 s; the next run counts it once it is AVAILABLE;"
                + " nothing deleted");
        assertThat(r.created().arn()).isEqualTo("arn:new");
        assertThat(count("ListBackups")).isZero();
        assertThat(count("DeleteBackup")).isZero();
        assertThat(count("DescribeBackup")).isPositive();
        assertThat(tookMillis).isLessThan(5_000);
    }

    @Test
    void run_whenCreateBackupFails_listsAndDeletesNothing() {
        api.stubFor(call("CreateBackup").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10)
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TableInUseException\",\"message\":\"Table is being updated\"}")));
        stubThreePages();
        stubDeleteOk();

        TableRotationResult r = service(Duration.ofSeconds(10)).run(request(1), Deadline.none()).tables().get(0);

        assertThat(r.status()).isEqualTo(TableRotationResult.Status.FAILED);
        assertThat(r.error()).startsWith("CreateBackup failed: Table is being updated").endsWith("; nothing deleted");
        assertThat(r.created()).isNull();
        assertThat(count("ListBackups")).isZero();
        assertThat(count("DeleteBackup")).isZero();
    }

    @Test
    void run_whenOneDeleteFails_stillDeletesTheOthers_andFailsTheTableNamingIt() throws IOException {
        stubCreate("AVAILABLE");
        api.stubFor(call("DescribeBackup").willReturn(ok(description("AVAILABLE"))));
        stubThreePages();
        stubDeleteOk();
        api.stubFor(call("DeleteBackup").withRequestBody(matchingJsonPath("$.BackupArn", equalTo("arn:u4"))).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10)
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#BackupInUseException\",\"message\":\"Backup is being restored\"}")));

        TableRotationResult r = service(Duration.ofSeconds(10)).run(request(3), Deadline.none()).tables().get(0);

        assertThat(r.status()).isEqualTo(TableRotationResult.Status.FAILED);
        assertThat(r.error()).startsWith("deleting Movies-u4 (arn:u4) failed: Backup is being restored");
        assertThat(deletedArns()).containsExactlyInAnyOrder("arn:u3", "arn:u4", "arn:u5");
        assertThat(r.deleted()).extracting(RetentionPlan.Deletion::arn).containsExactly("arn:u3", "arn:u5");
        assertThat(r.retained()).extracting(NativeBackup::arn).containsExactly("arn:new", "arn:u1", "arn:u2", "arn:u4");
        assertThat(count("DescribeBackup")).as("a backup created AVAILABLE is described once, for its TableId").isEqualTo(1);
    }

    private RotationService service(Duration wait) {
        Clock clock = Clock.fixed(Instant.parse("2027-01-15T08:00:00Z"), ZoneOffset.UTC);
        return new RotationService(ddb, Notifier.none(), MetricsPublisher.none(), wait,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), clock);
    }

    private static RotationRequest request(int keep) {
        return new RotationRequest(List.of("Movies"), new RetentionPolicy(keep, null), false);
    }

    /** Page 1 to 3 of the table's backups, newest first across pages as DynamoDB does not promise. */
    private static void stubThreePages() {
        stubPage(null, "arn:u2",
                summary("arn:new", "USER", "AVAILABLE", 0), summary("arn:u1", "USER", "AVAILABLE", 100),
                summary("arn:sys", "SYSTEM", "AVAILABLE", 900));
        stubPage("arn:u2", "arn:u3",
                summary("arn:u2", "USER", "AVAILABLE", 200), summary("arn:creating", "USER", "CREATING", 150),
                summary("arn:aws", "AWS_BACKUP", "AVAILABLE", 950), summary("arn:u3", "USER", "AVAILABLE", 300));
        stubPage("arn:u3", null,
                summary("arn:u4", "USER", "AVAILABLE", 400), summary("arn:u5", "USER", "AVAILABLE", 500),
                summary("arn:gone", "USER", "DELETED", 600),
                summary("arn:earlier", "USER", "AVAILABLE", 700, EARLIER_TABLE_ID));
    }

    private static void stubPage(String exclusiveStart, String lastEvaluated, String... summaries) {
        MappingBuilder request = call("ListBackups").withRequestBody(matchingJsonPath("$.TableName", equalTo("Movies")));
        request = exclusiveStart == null
                ? request.withRequestBody(matchingJsonPath("$[?(!@.ExclusiveStartBackupArn)]"))
                : request.withRequestBody(matchingJsonPath("$.ExclusiveStartBackupArn", equalTo(exclusiveStart)));
        api.stubFor(request.willReturn(ok("{\"BackupSummaries\":[" + String.join(",", summaries) + "]"
                + (lastEvaluated == null ? "" : ",\"LastEvaluatedBackupArn\":\"" + lastEvaluated + "\"") + "}")));
    }

    private static void stubCreate(String status) {
        api.stubFor(call("CreateBackup").withRequestBody(matchingJsonPath("$.BackupName", equalTo("Movies-20270115080000")))
                .willReturn(ok("{\"BackupDetails\":" + details(status) + "}")));
    }

    private static void stubDeleteOk() {
        api.stubFor(call("DeleteBackup").atPriority(5).willReturn(ok("{\"BackupDescription\":{\"BackupDetails\":" + details("DELETED") + "}}")));
    }

    private static String description(String status) {
        return "{\"BackupDescription\":{\"BackupDetails\":" + details(status) + ",\"SourceTableDetails\":{\"TableName\":\"Movies\","
                + "\"TableId\":\"" + TABLE_ID + "\",\"KeySchema\":[],\"TableCreationDateTime\":1700000000,"
                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":0,\"WriteCapacityUnits\":0}}}}";
    }

    private static String details(String status) {
        return "{\"BackupArn\":\"arn:new\",\"BackupName\":\"Movies-20270115080000\",\"BackupStatus\":\"" + status
                + "\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":" + NOW.getEpochSecond() + ",\"BackupSizeBytes\":10}";
    }

    private static String summary(String arn, String type, String status, long secondsOlder) {
        return summary(arn, type, status, secondsOlder, TABLE_ID);
    }

    private static String summary(String arn, String type, String status, long secondsOlder, String tableId) {
        return "{\"TableName\":\"Movies\",\"TableId\":\"" + tableId + "\",\"BackupArn\":\"" + arn + "\",\"BackupName\":\"Movies-" + arn.substring(4)
                + "\",\"BackupStatus\":\"" + status + "\",\"BackupType\":\"" + type + "\",\"BackupCreationDateTime\":"
                + (NOW.getEpochSecond() - secondsOlder) + ",\"BackupSizeBytes\":10}";
    }

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withHeader("Content-Type", JSON_10).withBody(body);
    }

    private static int count(String operation) {
        return api.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation))).size();
    }

    private static List<String> deletedArns() throws IOException {
        List<String> arns = new ArrayList<>();
        for (LoggedRequest r : api.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DeleteBackup")))) {
            arns.add(JSON.readTree(r.getBodyAsString()).get("BackupArn").asText());
        }
        return arns;
    }
}
