package dev.ddbbackup.recovery.managed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.table.TableNotFoundException;
import dev.ddbbackup.core.table.TableSchemaReader;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * PITR restores against moto's RestoreTableToPointInTime, which, like DynamoDB, leaves TTL, tags,
 * streams and PITR off on the new table. WireMock sits in front of moto where a test needs DynamoDB
 * to be slower than moto (a table that stays CREATING) or to refuse a call.
 */
@ExtendWith(MotoExtension.class)
class PitrRestoreServiceIT {

    private static final Backoff FAST_POLL = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    private static final String JSON_10 = "application/x-amz-json-1.0";

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MotoServer moto;
    private final AwsClients clients;
    private final DynamoDbClient ddb;

    PitrRestoreServiceIT(MotoServer moto) {
        this.moto = moto;
        this.clients = new AwsClients(EmulatorClients.REGION, 4,
                new AwsClients.Endpoints(moto.endpoint(), null, null, null), EmulatorClients.credentialsProvider());
        this.ddb = clients.dynamoDb();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void restore_latestTime_copiesItemsAndReappliesTtlTagsPitrAndStream() {
        String source = sourceWithEverything(12);
        String target = source + "-restored";

        PitrRestoreResult result = service(ddb).restore(new PitrRestoreRequest(source, target, null, true, true), bounded());

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.ACTIVE);
        assertThat(result.complete()).as(result.message()).isTrue();
        assertThat(result.reapplied()).containsExactly("ttl (expiresAt)", "tags (2)", "pointInTimeRecovery (7 days)",
                "stream (NEW_AND_OLD_IMAGES)");
        assertThat(result.targetTableArn()).endsWith(":table/" + target);
        assertThat(result.restoreDateTime())
                .isEqualTo(ddb.describeTable(b -> b.tableName(target)).table().restoreSummary().restoreDateTime());
        assertThat(ddb.scan(b -> b.tableName(target)).count()).isEqualTo(12);
        TableDescriptor restored = new TableSchemaReader(ddb).describe(target);
        assertThat(restored.ttl()).isEqualTo(new TableDescriptor.Ttl("expiresAt", "ENABLED"));
        assertThat(restored.tags()).isEqualTo(Map.of("team", "data", "env", "test"));
        assertThat(restored.pointInTimeRecoveryStatus()).isEqualTo("ENABLED");
        assertThat(ddb.describeContinuousBackups(b -> b.tableName(target)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(7);
        assertThat(restored.streamSpecification()).isEqualTo(new TableDescriptor.StreamSpec(true, "NEW_AND_OLD_IMAGES"));
    }

    @Test
    void restore_timeInsideWindow_restores() {
        String source = sourceWithEverything(3);
        Instant earliest = window(source).earliestRestorableDateTime();

        PitrRestoreResult result = service(ddb).restore(
                new PitrRestoreRequest(source, source + "-at", earliest, false, true), bounded());

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.ACTIVE);
        assertThat(ddb.scan(b -> b.tableName(source + "-at")).count()).isEqualTo(3);
    }

    @Test
    void restore_notWaiting_returnsCreatingWithPendingSettingsAndLeavesThemOff() {
        String source = sourceWithEverything(2);
        String target = source + "-nowait";

        PitrRestoreResult result = service(ddb).restore(new PitrRestoreRequest(source, target, null, true, false), bounded());

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.CREATING);
        assertThat(result.targetTable()).isEqualTo(target);
        assertThat(result.reapplied()).isEmpty();
        assertThat(result.pending()).hasSize(4).allSatisfy(p -> assertThat(p).endsWith("did not wait for ACTIVE"));
        // What a restore alone leaves behind: the settings the service would have re-applied are off.
        TableDescriptor restored = new TableSchemaReader(ddb).describe(target);
        assertThat(restored.ttl().status()).isEqualTo("DISABLED");
        assertThat(restored.tags()).isEmpty();
        assertThat(restored.pointInTimeRecoveryStatus()).isEqualTo("DISABLED");
        assertThat(restored.streamSpecification()).isNull();
    }

    @Test
    void restore_sourceWithoutExtras_reappliesOnlyPitr() {
        String source = UniqueName.next("plain");
        createTable(ddb, source);
        ddb.updateContinuousBackups(b -> b.tableName(source).pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));

        PitrRestoreResult result = service(ddb).restore(new PitrRestoreRequest(source, source + "-r", null, true, true), bounded());

        assertThat(result.complete()).as(result.message()).isTrue();
        assertThat(result.reapplied()).containsExactly("pointInTimeRecovery (35 days)");
    }

    @Test
    void restore_timeOutsideWindow_failsNamingFieldAndWindow_createsNothing() {
        String source = sourceWithEverything(1);
        PointInTimeRecoveryDescription w = window(source);
        Instant tooEarly = w.earliestRestorableDateTime().minus(Duration.ofHours(1));
        String target = source + "-early";

        assertThatThrownBy(() -> service(ddb).restore(new PitrRestoreRequest(source, target, tooEarly, false, true), bounded()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("restoreDateTime: " + tooEarly + " is outside the restorable window")
                .hasMessageContaining(w.earliestRestorableDateTime() + " (EarliestRestorableDateTime) to "
                        + w.latestRestorableDateTime() + " (LatestRestorableDateTime)");
        assertThat(exists(target)).isFalse();
    }

    @Test
    void restore_timeAfterLatest_fails() {
        String source = sourceWithEverything(1);
        Instant future = window(source).latestRestorableDateTime().plusSeconds(1);

        assertThatThrownBy(() -> service(ddb).restore(new PitrRestoreRequest(source, source + "-late", future, false, true), bounded()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outside the restorable window");
        assertThat(exists(source + "-late")).isFalse();
    }

    @Test
    void restore_pitrDisabledOnSource_failsNamingTheFix_createsNothing() {
        String source = UniqueName.next("nopitr");
        createTable(ddb, source);

        assertThatThrownBy(() -> service(ddb).restore(new PitrRestoreRequest(source, source + "-r", null, true, true), bounded()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("source_table: point-in-time recovery is not enabled on table '" + source + "'")
                .hasMessageContaining("enable it");
        assertThat(exists(source + "-r")).isFalse();
    }

    @Test
    void restore_targetExists_failsAndLeavesTargetAlone() {
        String source = sourceWithEverything(4);
        String target = UniqueName.next("taken");
        createTable(ddb, target);
        ddb.putItem(b -> b.tableName(target).item(Map.of("pk", AttributeValue.fromS("keep"))));

        assertThatThrownBy(() -> service(ddb).restore(new PitrRestoreRequest(source, target, null, true, true), bounded()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("target_table: table '" + target + "' already exists");
        assertThat(ddb.scan(b -> b.tableName(target)).items()).containsExactly(Map.of("pk", AttributeValue.fromS("keep")));
    }

    @Test
    void restore_sourceMissing_tableNotFound() {
        String source = UniqueName.next("missing");

        assertThatThrownBy(() -> service(ddb).restore(new PitrRestoreRequest(source, source + "-r", null, true, true), bounded()))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining(source);
    }

    @Test
    void restore_tableCreatingForAWhile_pollsUntilActive() {
        String source = sourceWithEverything(5);
        String target = source + "-slow";
        proxyToMoto();
        // After the restore call DynamoDB reports the new table CREATING twice, then (moto) ACTIVE.
        proxy.stubFor(call("RestoreTableToPointInTime").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())).willSetStateTo("restored"));
        proxy.stubFor(describe(target).inScenario("slow").whenScenarioStateIs("restored")
                .willReturn(creating(target)).willSetStateTo("creating-1"));
        proxy.stubFor(describe(target).inScenario("slow").whenScenarioStateIs("creating-1")
                .willReturn(creating(target)).willSetStateTo("active"));

        PitrRestoreResult result = withProxy(d -> service(d).restore(new PitrRestoreRequest(source, target, null, true, true), bounded()));

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.ACTIVE);
        assertThat(result.complete()).as(result.message()).isTrue();
        // one check that it is absent, two CREATING answers, one ACTIVE
        assertThat(proxy.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.DescribeTable"))
                .withRequestBody(matchingJsonPath("$.TableName", equalTo(target))))).hasSize(4);
        assertThat(new TableSchemaReader(ddb).describe(target).ttl().status()).isEqualTo("ENABLED");
    }

    @Test
    void restore_deadlineBeforeActive_returnsCreatingAndChangesNoSettings() {
        String source = sourceWithEverything(2);
        String target = source + "-late";
        proxyToMoto();
        proxy.stubFor(call("RestoreTableToPointInTime").inScenario("stuck").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())).willSetStateTo("restored"));
        proxy.stubFor(describe(target).inScenario("stuck").whenScenarioStateIs("restored").willReturn(creating(target)));
        Deadline almostOut = Deadline.of(() -> 500, 1000);

        PitrRestoreResult result = withProxy(d -> service(d).restore(new PitrRestoreRequest(source, target, null, true, true), almostOut));

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.CREATING);
        assertThat(result.targetTable()).isEqualTo(target);
        assertThat(result.message()).contains("still CREATING").contains("out of time");
        assertThat(result.pending()).hasSize(4).allSatisfy(p -> assertThat(p).contains("out of time"));
        for (String op : List.of("UpdateTimeToLive", "TagResource", "UpdateContinuousBackups", "UpdateTable")) {
            assertThat(proxy.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + op))))
                    .as(op).isEmpty();
        }
    }

    @Test
    void restore_tableVanishesWhileCreating_failed() {
        String source = sourceWithEverything(1);
        String target = source + "-gone";
        proxyToMoto();
        proxy.stubFor(call("RestoreTableToPointInTime").inScenario("gone").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())).willSetStateTo("restored"));
        proxy.stubFor(describe(target).inScenario("gone").whenScenarioStateIs("restored").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_10)
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                        + "\"message\":\"Requested resource not found: Table: " + target + " not found\"}")));

        PitrRestoreResult result = withProxy(d -> service(d).restore(new PitrRestoreRequest(source, target, null, true, true), bounded()));

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.FAILED);
        assertThat(result.message()).contains("disappeared");
        assertThat(result.complete()).isFalse();
    }

    @Test
    void restore_continuousBackupsStillSwitchingOn_retriesEnablingPitr() {
        String source = sourceWithEverything(1);
        String target = source + "-cb";
        proxyToMoto();
        proxy.stubFor(call("UpdateContinuousBackups").inScenario("cb").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10)
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ContinuousBackupsUnavailableException\","
                                + "\"message\":\"Backups are being enabled for the table: " + target + ". Please retry later\"}"))
                .willSetStateTo("enabled"));

        PitrRestoreResult result = withProxy(d -> service(d).restore(new PitrRestoreRequest(source, target, null, true, true), bounded()));

        assertThat(result.complete()).as(result.message()).isTrue();
        assertThat(window(target).pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(proxy.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateContinuousBackups")))).hasSize(2);
    }

    @Test
    void restore_settingRefused_reportsItPendingAndAppliesTheRest() {
        String source = sourceWithEverything(1);
        String target = source + "-denied";
        proxyToMoto();
        proxy.stubFor(call("TagResource").willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_10)
                .withBody("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"User: arn:aws:sts::123456789012:"
                        + "assumed-role/recovery/fn is not authorized to perform: dynamodb:TagResource\"}")));

        PitrRestoreResult result = withProxy(d -> service(d).restore(new PitrRestoreRequest(source, target, null, true, true), bounded()));

        assertThat(result.status()).isEqualTo(PitrRestoreResult.Status.ACTIVE);
        assertThat(result.complete()).isFalse();
        assertThat(result.reapplied()).containsExactly("ttl (expiresAt)", "pointInTimeRecovery (7 days)", "stream (NEW_AND_OLD_IMAGES)");
        assertThat(result.pending()).singleElement().asString().startsWith("tags (2): ").contains("not authorized to perform: dynamodb:TagResource");
    }

    private PitrRestoreService service(DynamoDbClient client) {
        return new PitrRestoreService(client, FAST_POLL, Clock.systemUTC());
    }

    /** Runs the service with a client whose DynamoDB calls pass through the WireMock proxy. */
    private PitrRestoreResult withProxy(java.util.function.Function<DynamoDbClient, PitrRestoreResult> run) {
        try (AwsClients proxied = new AwsClients(EmulatorClients.REGION, 4,
                new AwsClients.Endpoints(URI.create(proxy.baseUrl()), null, null, null), EmulatorClients.credentialsProvider())) {
            return run.apply(proxied.dynamoDb());
        }
    }

    private void proxyToMoto() {
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    }

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation));
    }

    private static MappingBuilder describe(String table) {
        return call("DescribeTable").withRequestBody(matchingJsonPath("$.TableName", equalTo(table)));
    }

    /** DescribeTable's answer while a restore is still creating the table. */
    private static ResponseDefinitionBuilder creating(String table) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_10).withBody("""
                {"Table":{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"TableName":"%s",
                "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"TableStatus":"CREATING","CreationDateTime":1.7953452E9,
                "ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},
                "TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/%s",
                "TableId":"6c8a1d5e-2f3b-4a7c-9e0d-1b2c3d4e5f60","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},
                "RestoreSummary":{"SourceTableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/source",
                "RestoreDateTime":1.7953449E9,"RestoreInProgress":true}}}""".formatted(table, table));
    }

    /** A table with items, TTL on expiresAt, two tags, a NEW_AND_OLD_IMAGES stream and PITR over 7 days. */
    private String sourceWithEverything(int items) {
        String table = UniqueName.next("pitr-src");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .tags(t -> t.key("team").value("data"), t -> t.key("env").value("test")));
        ddb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
        ddb.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)));
        for (int i = 0; i < items; i++) {
            String pk = "item-" + i;
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("1"))));
        }
        return table;
    }

    private static void createTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }

    private PointInTimeRecoveryDescription window(String table) {
        return ddb.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription().pointInTimeRecoveryDescription();
    }

    private boolean exists(String table) {
        try {
            ddb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Half a minute at most, so a restore that never ends fails the test instead of hanging it. */
    private static Deadline bounded() {
        long end = System.currentTimeMillis() + 30_000;
        return Deadline.of(() -> end - System.currentTimeMillis(), 0);
    }
}
