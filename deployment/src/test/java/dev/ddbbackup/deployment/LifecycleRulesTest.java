package dev.ddbbackup.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleRulesTest {

    static Stream<Arguments> parameterSets() {
        return TemplateEvaluationTest.parameterSets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void backupPlanVaultLockBucketAndAlarmRetention_areAcceptedByAws(String name, Map<String, String> parameters) {
        Template t = Template.repo();

        assertThat(LifecycleCheck.problems(t, new Evaluator(t, parameters))).isEmpty();
    }

    @Test
    void seed004sWeeklyRule_coldAfter30DeleteAfter90_isReported() {
        Template t = Template.repo().copy();
        Map<String, Object> weekly = rule(t, "WeeklyBackups");
        weekly.put("Lifecycle", Map.of("MoveToColdStorageAfterDays", 30, "DeleteAfterDays", 90));

        assertThat(LifecycleCheck.problems(t, new Evaluator(t, Map.of()))).containsExactly(
                "BackupPlan rule WeeklyBackups: DeleteAfterDays 90 is less than MoveToColdStorageAfterDays 30 + 90;"
                        + " AWS Backup keeps a recovery point in cold storage for at least 90 days");
    }

    @Test
    void aRetentionOutsideTheVaultLock_isReported() {
        Template t = Template.repo().copy();

        assertThat(LifecycleCheck.problems(t, new Evaluator(t, Map.of("EnableVaultLock", "true", "VaultLockMaxRetentionDays", "300"))))
                .containsExactly("BackupPlan rule MonthlyBackups: DeleteAfterDays 365 lies outside vault BackupVault's lock [7, 300]");
    }

    @Test
    void expiryBeforeTheTransition_andAnEarlyInfrequentAccessTransition_areReported() {
        Template t = Template.repo().copy();
        Map<String, Object> bucketRule = Template.map(((List<?>) Template.map(t.properties("BackupBucket").get("LifecycleConfiguration")).get("Rules")).get(0));
        Map<String, Object> transition = Template.map(((List<?>) bucketRule.get("Transitions")).get(0));
        transition.put("TransitionInDays", 20);
        bucketRule.put("ExpirationInDays", 20);

        assertThat(LifecycleCheck.problems(t, new Evaluator(t, Map.of("BackupTransitionStorageClass", "STANDARD_IA")))).containsExactly(
                "BackupBucket lifecycle rule BackupRetention: transition to STANDARD_IA after 20 days; S3 needs at least 30",
                "BackupBucket lifecycle rule BackupRetention: objects expire after 20 days, not after their transition to STANDARD_IA at 20 days");
    }

    @Test
    void anAlarmEvaluatingMoreThanSevenDays_isReported() {
        Template t = Template.repo().copy();
        t.parameters().get("MaxBackupAgeHours");
        Template.map(t.parameters().get("MaxBackupAgeHours")).put("MaxValue", 200);

        assertThat(LifecycleCheck.problems(t, new Evaluator(t, Map.of("MaxBackupAgeHours", "200"))))
                .containsExactly("BackupAgeAlarm: Period x EvaluationPeriods = 720000 s, above CloudWatch's 604800 s");
    }

    static Map<String, Object> rule(Template t, String name) {
        for (Object r : (List<?>) Template.map(t.properties("BackupPlan").get("BackupPlan")).get("BackupPlanRule")) {
            if (name.equals(Template.map(r).get("RuleName"))) {
                return Template.map(r);
            }
        }
        throw new IllegalArgumentException("no rule " + name);
    }
}
