package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.emulators.iam.DeclaredIamActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's role grants exactly the IAM actions its code declares (plus what the Lambda platform
 * needs), scoped to the resources the stack names. The code side of that equality is checked in the
 * function modules: their integration tests record every AWS call and fail on an undeclared one.
 */
class FunctionIamTest {

    static Stream<String> functions() {
        return Template.repo().functionIds().stream();
    }

    static Stream<Arguments> functionsAndParameterSets() {
        return functions().flatMap(f -> ParameterSets.all(Template.repo()).entrySet().stream().map(p -> Arguments.of(f, p.getKey(), p.getValue())));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void roleGrantsExactlyTheDeclaredActions(String functionId) {
        Template t = Template.repo();

        assertThat(IamCheck.actionProblems(t, functionId, IamCheck.declared(t, functionId))).isEmpty();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("functionsAndParameterSets")
    void roleScopesEveryAction(String functionId, String set, Map<String, String> parameters) {
        assertThat(IamCheck.scopeProblems(Template.repo(), new Evaluator(Template.repo(), parameters), functionId)).isEmpty();
    }

    @Test
    void aDroppedPermission_isReported() {
        Template t = Template.repo().copy();
        Map<String, Object> statement = statement(t, "BackupFunctionRole", "WriteVerifyAndCleanUpBackups");
        statement.put("Action", List.of("s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"));

        assertThat(IamCheck.actionProblems(t, "BackupFunction", IamCheck.declared(t, "BackupFunction"))).containsExactly(
                "BackupFunctionRole (BackupFunction) does not grant s3:PutObject, which dev/ddbbackup/backup/BackupHandler-iam-actions.txt declares");
    }

    @Test
    void aDroppedPermissionOfRotationOrValidation_isReported() {
        Template t = Template.repo().copy();
        statement(t, "RotationFunctionRole", "WaitForAndPruneTheirBackups").put("Action", List.of("dynamodb:DescribeBackup"));
        statement(t, "ValidationFunctionRole", "AwsBackupJobsAndRestoreTestVerdicts").put("Action", "backup:ListBackupJobs");

        assertThat(IamCheck.actionProblems(t, "RotationFunction", IamCheck.declared(t, "RotationFunction"))).containsExactly(
                "RotationFunctionRole (RotationFunction) does not grant dynamodb:DeleteBackup, which"
                        + " dev/ddbbackup/rotation/RotationHandler-iam-actions.txt declares");
        assertThat(IamCheck.actionProblems(t, "ValidationFunction", IamCheck.declared(t, "ValidationFunction"))).containsExactly(
                "ValidationFunctionRole (ValidationFunction) does not grant backup:PutRestoreValidationResult, which"
                        + " dev/ddbbackup/validation/ValidationHandler-iam-actions.txt declares");
    }

    @Test
    void anExtraPermission_aManagedPolicy_andAMissingPlatformAction_areReported() {
        Template t = Template.repo().copy();
        statement(t, "RecoveryFunctionRole", "FindBackups").put("Action", List.of("s3:ListBucket", "s3:DeleteObject"));
        statement(t, "RecoveryFunctionRole", "LambdaTracing").put("Action", "xray:PutTraceSegments");
        t.properties("RecoveryFunctionRole").put("ManagedPolicyArns", List.of("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"));

        assertThat(IamCheck.actionProblems(t, "RecoveryFunction", IamCheck.declared(t, "RecoveryFunction"))).containsExactlyInAnyOrder(
                "RecoveryFunctionRole: ManagedPolicyArns grants actions no test can compare; write them as inline statements",
                "RecoveryFunctionRole (RecoveryFunction) does not grant xray:PutTelemetryRecords, which the Lambda platform needs: Tracing: Active",
                "RecoveryFunctionRole (RecoveryFunction) grants s3:DeleteObject, which dev/ddbbackup/recovery/RecoveryHandler-iam-actions.txt"
                        + " does not declare and the Lambda platform does not need");
    }

    @Test
    void anActionOnEveryResource_orMetricsIntoAnotherNamespace_areReported() {
        Template t = Template.repo().copy();
        statement(t, "BackupFunctionRole", "Notify").put("Resource", "*");
        Map<String, Object> metrics = statement(t, "BackupFunctionRole", "PublishMetrics");
        metrics.put("Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", Map.of("Ref", "RecoveryMetricsNamespace"))));

        assertThat(IamCheck.scopeProblems(t, new Evaluator(t, Map.of()), "BackupFunction")).containsExactly(
                "BackupFunctionRole statement Notify: sns:Publish on Resource \"*\"; scope it to the resources it needs",
                "BackupFunctionRole statement PublishMetrics: cloudwatch:PutMetricData must be limited (cloudwatch:namespace) to the"
                        + " function's METRICS_NAMESPACE BackupDR/Enhanced, got BackupDR/Recovery");
    }

    @Test
    void existingTables_scopeTablesBucketPrefixAndScratchTables() {
        Evaluator e = new Evaluator(Template.repo(), ParameterSets.existingTables());
        String bucket = "arn:aws:s3:::" + e.eval(Map.of("Ref", "BackupBucket"), "test");

        assertThat(IamCheck.resourcesOf(e, "BackupFunctionRole", "dynamodb:Scan"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers");
        assertThat(IamCheck.resourcesOf(e, "BackupFunctionRole", "s3:PutObject")).containsExactly(bucket + "/dynamodb-backups/*");
        assertThat(IamCheck.resourcesOf(e, "BackupFunctionRole", "s3:ListBucket")).containsExactly(bucket);
        assertThat(IamCheck.resourcesOf(e, "RecoveryFunctionRole", "dynamodb:BatchWriteItem")).containsExactly(
                "arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers",
                "arn:*:dynamodb:*:*:table/Orders-*", "arn:*:dynamodb:*:*:table/Customers-*");
        assertThat(IamCheck.resourcesOf(e, "RecoveryFunctionRole", "dynamodb:RestoreTableToPointInTime"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers");
        assertThat(IamCheck.resourcesOf(e, "RecoveryFunctionRole", "s3:PutObject")).containsExactly(bucket + "/dynamodb-backups/.restores/*");
        assertThat(IamCheck.resourcesOf(e, "RecoveryFunctionRole", "iam:PassRole"))
                .containsExactly("arn:aws:iam::123456789012:role/ddb-backup-AwsBackupRole-1A2B3C4D5E6F");
        assertThat(IamCheck.resourcesOf(e, "RestoreTestFunctionRole", "dynamodb:DeleteTable"))
                .containsExactly("arn:aws:dynamodb:us-east-1:123456789012:table/Orders-restore-test-*");
        assertThat(IamCheck.resourcesOf(e, "RotationFunctionRole", "dynamodb:CreateBackup"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers");
        assertThat(IamCheck.resourcesOf(e, "RotationFunctionRole", "dynamodb:DeleteBackup"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders/backup/*", "arn:*:dynamodb:*:*:table/Customers/backup/*");
        assertThat(IamCheck.resourcesOf(e, "RotationFunctionRole", "dynamodb:ListBackups")).containsExactly("*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "dynamodb:DescribeContinuousBackups"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "dynamodb:DeleteTable"))
                .containsExactly("arn:*:dynamodb:*:*:table/Orders-restore-test-*", "arn:*:dynamodb:*:*:table/Customers-restore-test-*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "dynamodb:Scan")).containsExactly(
                "arn:*:dynamodb:*:*:table/Orders", "arn:*:dynamodb:*:*:table/Customers",
                "arn:aws:dynamodb:us-east-1:123456789012:table/awsbackup-restore-test-*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "s3:GetObject")).containsExactly(bucket + "/dynamodb-backups/*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "s3:PutObject")).isEmpty();
        for (String role : Template.repo().functionIds().stream().map(Template.repo()::roleOf).distinct().toList()) {
            for (Map<String, Object> s : IamCheck.statements(e, role)) {
                if (IamCheck.strings(s.get("Resource")).stream().anyMatch(r -> r.startsWith("arn:*:dynamodb"))) {
                    assertThat(s.get("Condition").toString()).as(role + " " + s.get("Sid")).isEqualTo("{StringEquals={aws:RequestedRegion=us-east-1}}");
                }
            }
        }
    }

    @Test
    void exampleTable_scopesRotationToItsBackups_andTheDrillToItsScratchTables() {
        Evaluator e = new Evaluator(Template.repo(), Map.of());
        String table = "arn:aws:dynamodb:us-east-1:123456789012:table/ddb-backup-products";

        assertThat(IamCheck.resourcesOf(e, "RotationFunctionRole", "dynamodb:CreateBackup")).containsExactly(table);
        assertThat(IamCheck.resourcesOf(e, "RotationFunctionRole", "dynamodb:DeleteBackup")).containsExactly(table + "/backup/*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "dynamodb:CreateTable")).containsExactly(table + "-restore-test-*");
        assertThat(IamCheck.resourcesOf(e, "ValidationFunctionRole", "dynamodb:DescribeTable")).containsExactly(table,
                table + "-restore-test-*", "arn:aws:dynamodb:us-east-1:123456789012:table/awsbackup-restore-test-*");
    }

    @ParameterizedTest
    @MethodSource("functions")
    void thePackagesList_isTheModulesCurrentOne(String functionId) throws Exception {
        Template t = Template.repo();
        String name = DeclaredIamActions.resourceName(t.handlerClass(functionId));
        Path source = Template.ROOT.relativize(t.codeUri(functionId)).getName(0);

        assertThat(LambdaPackage.open(t.codeUri(functionId)).resource(name)).as("rebuild the package: ./mvnw package")
                .hasValue(Files.readAllBytes(Template.ROOT.resolve(source).resolve("src/main/resources").resolve(name)));
    }

    static Map<String, Object> statement(Template t, String roleId, String sid) {
        for (Object p : (List<?>) t.properties(roleId).get("Policies")) {
            for (Object s : (List<?>) Template.map(Template.map(p).get("PolicyDocument")).get("Statement")) {
                if (s instanceof Map<?, ?> m && sid.equals(m.get("Sid"))) {
                    return Template.map(s);
                }
            }
        }
        throw new IllegalArgumentException(roleId + " has no statement " + sid);
    }
}
