package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.rotation.RotationConfig;
import dev.ddbbackup.rotation.RotationEvent;
import dev.ddbbackup.validation.ValidationConfig;
import dev.ddbbackup.validation.ValidationPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The template evaluated offline under several parameter sets, as CloudFormation would resolve it. */
class TemplateEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> parameterSets() {
        return ParameterSets.all(Template.repo()).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void everyResourceOutputAndRuleEvaluates(String name, Map<String, String> parameters) {
        new Evaluator(Template.repo(), parameters).evaluateAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void topicsAreKmsEncrypted_bucketIsEncryptedVersionedPrivateAndTlsOnly(String name, Map<String, String> parameters) {
        Evaluator e = new Evaluator(Template.repo(), parameters);

        for (String topic : List.of("SuccessTopic", "FailureTopic")) {
            assertThat(e.properties(topic)).containsKey("KmsMasterKeyId");
        }
        Map<String, Object> bucket = e.properties("BackupBucket");
        assertThat(bucket.toString()).contains("SSEAlgorithm=" + (parameters.containsKey("BackupBucketKmsKeyArn") ? "aws:kms" : "AES256"));
        assertThat(Template.map(bucket.get("VersioningConfiguration"))).containsEntry("Status", "Enabled");
        assertThat(Template.map(bucket.get("PublicAccessBlockConfiguration")).values()).hasSize(4).allMatch(Boolean.TRUE::equals);
        Map<String, Object> deny = Template.map(((List<?>) Template.map(e.properties("BackupBucketPolicy").get("PolicyDocument")).get("Statement")).get(0));
        assertThat(deny).containsEntry("Effect", "Deny").containsEntry("Principal", "*").containsEntry("Action", "s3:*");
        assertThat(deny.get("Condition").toString()).isEqualTo("{Bool={aws:SecureTransport=false}}");
        String bucketArn = "arn:aws:s3:::" + e.eval(Map.of("Ref", "BackupBucket"), "test");
        assertThat(IamCheck.strings(deny.get("Resource"))).containsExactly(bucketArn, bucketArn + "/*");
    }

    @Test
    void defaults_createTheExampleTableWithPitr_andBackItUpDaily() throws Exception {
        Evaluator e = new Evaluator(Template.repo(), Map.of());

        assertThat(e.exists("ProductsTable")).isTrue();
        assertThat(e.properties("ProductsTable").get("PointInTimeRecoverySpecification").toString()).contains("PointInTimeRecoveryEnabled=true");
        assertThat(EnvironmentCheck.environment(e, "BackupFunction")).containsEntry("TABLES", "ddb-backup-products");
        assertThat(scheduleInput(e).get("tables").toString()).isEqualTo("[\"ddb-backup-products\"]");
        Map<String, Object> selection = Template.map(e.properties("BackupSelection").get("BackupSelection"));
        assertThat(selection.get("Resources")).isEqualTo(List.of("arn:aws:dynamodb:us-east-1:123456789012:table/ddb-backup-products"));
    }

    @Test
    void existingTables_replaceTheExampleTable_inTheScheduleEnvironmentAndSelection() throws Exception {
        Evaluator e = new Evaluator(Template.repo(), ParameterSets.existingTables());

        assertThat(e.exists("ProductsTable")).isFalse();
        assertThat(EnvironmentCheck.environment(e, "BackupFunction")).containsEntry("TABLES", "Orders,Customers");
        assertThat(EnvironmentCheck.environment(e, "RecoveryFunction")).containsEntry("SOURCE_TABLE", "Orders");
        assertThat(scheduleInput(e).toString()).isEqualTo("{\"tables\":[\"Orders\",\"Customers\"]}");
        Map<String, Object> selection = Template.map(e.properties("BackupSelection").get("BackupSelection"));
        assertThat(selection.get("Resources")).isEqualTo(List.of("arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers"));
    }

    @Test
    void rotationSchedule_sendsSeed002sTableNameForOneTable_andTheListForSeveral() throws Exception {
        Map<Map<String, String>, String> expected = new LinkedHashMap<>();
        expected.put(Map.of(), "{\"TableName\":\"ddb-backup-products\"}");
        expected.put(Map.of("ProtectedTableNames", "Orders"), "{\"TableName\":\"Orders\"}");
        expected.put(ParameterSets.existingTables(), "{\"tables\":[\"Orders\",\"Customers\"]}");

        for (var c : expected.entrySet()) {
            Evaluator e = new Evaluator(Template.repo(), c.getKey());
            String input = Evaluator.scalar(Template.map(Template.map(Template.map(e.properties("RotationFunction").get("Events"))
                    .get("Daily")).get("Properties")).get("Input"), "RotationFunction.Events.Daily.Input");
            Map<String, String> env = EnvironmentCheck.environment(e, "RotationFunction");

            assertThat(JSON.readTree(input).toString()).as(c.getKey().toString()).isEqualTo(c.getValue());
            assertThat(RotationEvent.parse(input.getBytes(StandardCharsets.UTF_8), RotationConfig.from(new Settings(env))).tables())
                    .isEqualTo(List.of(env.get("TABLES").split(",")))
                    .isEqualTo(List.of(EnvironmentCheck.environment(e, "ValidationFunction").get("PROTECTED_TABLES").split(",")));
        }
    }

    @Test
    void validation_checksEverythingTheStackKeeps_withTheRpoOfTheBackupAgeAlarm() {
        Evaluator e = new Evaluator(Template.repo(), Map.of("MaxBackupAgeHours", "30"));
        Map<String, String> env = EnvironmentCheck.environment(e, "ValidationFunction");

        assertThat(env).containsEntry("MAX_BACKUP_AGE_HOURS", "30").containsEntry("CHECK_AWS_BACKUP_JOBS", "true")
                .containsEntry("CHECK_PITR", "true").containsEntry("NATIVE_BACKUP_MAX_AGE_HOURS", "26").containsEntry("RESTORE_DRILL", "false")
                .containsEntry("BACKUP_BUCKET", String.valueOf(e.eval(Map.of("Ref", "BackupBucket"), "test")));
        ValidationPlan plan = ValidationConfig.from(new Settings(env)).plan();
        assertThat(plan.s3().maxBackupAge()).isEqualTo(Duration.ofHours(30));
        assertThat(plan.backupJobWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(plan.maxPitrLag()).isEqualTo(Duration.ofMinutes(15));
        assertThat(plan.nativeMaxAge()).isEqualTo(Duration.ofHours(26));
        assertThat(e.properties("ValidatedBackupAgeAlarm")).containsEntry("Threshold", "30");
        assertThat(e.properties("ValidatedBackupAgeAlarm").get("Metrics").toString())
                .contains("SELECT MAX(BackupAgeHours) FROM SCHEMA(\"BackupDR/Validation\", TableName)");
        assertThat(e.properties("ValidationFailuresAlarm")).containsEntry("Namespace", "BackupDR/Validation").containsEntry("MetricName", "ChecksFailed");
    }

    @Test
    void everyOptionOn_replicatesWithoutDeleteMarkers_locksObjectsAndVault_copiesToTheDrVault() {
        Evaluator e = new Evaluator(Template.repo(), ParameterSets.everything());

        Map<String, Object> bucket = e.properties("BackupBucket");
        Map<String, Object> rule = Template.map(((List<?>) Template.map(bucket.get("ReplicationConfiguration")).get("Rules")).get(0));
        Map<String, Object> destination = Template.map(rule.get("Destination"));
        assertThat(destination).containsEntry("Bucket", "arn:aws:s3:::databunker-backups").containsEntry("Account", "210987654321");
        assertThat(destination.get("AccessControlTranslation").toString()).isEqualTo("{Owner=Destination}");
        assertThat(destination.get("EncryptionConfiguration").toString()).contains("ReplicaKmsKeyID=arn:aws:kms:us-east-1:210987654321:key/");
        assertThat(rule.get("DeleteMarkerReplication").toString()).isEqualTo("{Status=Disabled}");
        assertThat(rule.get("Filter").toString()).isEqualTo("{Prefix=prod/dynamodb-backups/}");
        assertThat(bucket.get("ObjectLockConfiguration").toString()).contains("Mode=COMPLIANCE");
        assertThat(e.properties("BackupVault").get("LockConfiguration").toString()).isEqualTo("{MinRetentionDays=7, MaxRetentionDays=400}");
        Map<String, Object> daily = Template.map(((List<?>) Template.map(e.properties("BackupPlan").get("BackupPlan")).get("BackupPlanRule")).get(0));
        assertThat(daily.get("CopyActions").toString()).contains("DestinationBackupVaultArn=arn:aws:backup:us-west-2:123456789012:backup-vault:ddb-backup-vault-dr");
        assertThat(e.properties("RestoreTest")).containsEntry("TableName", "Customers");
        assertThat(e.exists("FailureEmail") && e.exists("SuccessEmail") && e.exists("ReplicationPolicy")).isTrue();
    }

    @Test
    void dashboardBody_isJson() throws Exception {
        for (Map<String, String> parameters : ParameterSets.all(Template.repo()).values()) {
            JsonNode body = JSON.readTree((String) new Evaluator(Template.repo(), parameters).properties("Dashboard").get("DashboardBody"));

            assertThat(body.get("widgets")).hasSizeGreaterThan(4);
        }
    }

    @Test
    void aRefToTheExampleTableOutsideItsCondition_failsWhenTablesAreGiven() {
        Template t = Template.repo().copy();
        TemplateReferencesTest.variables(t, "RecoveryFunction").put("SOURCE_TABLE", Map.of("Ref", "ProductsTable"));

        new Evaluator(t, Map.of()).evaluateAll();
        assertThatThrownBy(() -> new Evaluator(t, ParameterSets.existingTables()).evaluateAll())
                .hasMessageContaining("Resources.RecoveryFunction.Properties.Environment.Variables.SOURCE_TABLE.Ref: refers to ProductsTable,"
                        + " which is not created under these parameters (condition CreateExampleTable is false)");
    }

    @Test
    void parameterValuesTheirConstraintsRefuse_andBrokenRules_fail() {
        assertThatThrownBy(() -> new Evaluator(Template.repo(), Map.of("BackupRetentionDays", "30")))
                .hasMessage("Parameters.BackupRetentionDays: 30 is below MinValue 31");
        assertThatThrownBy(() -> new Evaluator(Template.repo(), Map.of("BackupPrefix", "/dynamodb-backups")))
                .hasMessageStartingWith("Parameters.BackupPrefix: '/dynamodb-backups' does not match");
        assertThatThrownBy(() -> new Evaluator(Template.repo(), Map.of("EnableCrossAccountReplication", "true")).evaluateAll())
                .hasMessage("Rules.ReplicationNeedsADestination: EnableCrossAccountReplication needs ReplicationDestinationBucketArn");
    }

    private static JsonNode scheduleInput(Evaluator e) throws Exception {
        Map<String, Object> daily = Template.map(Template.map(e.properties("BackupFunction").get("Events")).get("Daily"));
        return JSON.readTree((String) Template.map(daily.get("Properties")).get("Input"));
    }
}
