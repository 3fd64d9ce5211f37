package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.model.BackupJob;
import software.amazon.awssdk.services.backup.model.BackupJobState;

class BackupJobVerdictTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant T = Instant.parse("2026-11-21T01:00:00Z");

    @Test
    void judge_whenOneCleanCompletedJob_passesNamingIt() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(job("J1", BackupJobState.COMPLETED, "SUCCESS", null, 0)), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.check()).isEqualTo(Check.AWS_BACKUP_JOBS);
        assertThat(r.reason()).isEqualTo("COMPLETED job J1 created 2026-11-21T01:00:00Z (1 COMPLETED in the last 24 h)");
    }

    @Test
    void judge_whenNoJobAtAll_failsAskingAboutThePlan() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.reason()).startsWith("no AWS Backup job in the last 24 h").contains("backup plan");
    }

    @Test
    void judge_whenOnlyFailedAbortedExpiredPartial_failsListingEachNewestFirst() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(
                job("F1", BackupJobState.FAILED, "ACCESS_DENIED", "Insufficient privileges to perform this action.", 4),
                job("A1", BackupJobState.ABORTED, null, "Backup job was stopped by user.", 3),
                job("E1", BackupJobState.EXPIRED, null, "Backup job failed because the completion window was exceeded.", 2),
                job("P1", BackupJobState.PARTIAL, null, null, 1)), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.reason()).startsWith("no COMPLETED AWS Backup job in the last 24 h: ")
                .contains("EXPIRED job E1 created 2026-11-21T01:02:00Z: Backup job failed because the completion window was exceeded.; "
                        + "PARTIAL job P1 created 2026-11-21T01:01:00Z")
                .contains("FAILED job F1 created 2026-11-21T01:04:00Z: Insufficient privileges to perform this action.")
                .contains("ABORTED job A1 created 2026-11-21T01:03:00Z: Backup job was stopped by user.");
        assertThat(r.reason().indexOf("F1")).isLessThan(r.reason().indexOf("P1"));
    }

    @Test
    void judge_whenCompletedButAlsoFailed_warnsWithCounts() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(
                job("F1", BackupJobState.FAILED, "ACCESS_DENIED", "Insufficient privileges", 1),
                job("C1", BackupJobState.COMPLETED, "SUCCESS", null, 2)), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
        assertThat(r.reason()).startsWith("COMPLETED job C1 created 2026-11-21T01:02:00Z (1 COMPLETED in the last 24 h), but 1 FAILED: ")
                .contains("FAILED job F1");
    }

    @Test
    void judge_whenOnlyCompletedWithIssues_warnsNamingTheCategory() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(
                job("C1", BackupJobState.COMPLETED, "InvalidParameters", "Backup completed, but some items could not be copied.", 1)), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
        assertThat(r.reason()).contains("1 completed with issues")
                .contains("COMPLETED with issues (InvalidParameters) job C1 created 2026-11-21T01:01:00Z: Backup completed, but some");
    }

    @Test
    void completedWithIssues_usesCategory_thenStatusMessageWhenThereIsNoCategory() {
        assertThat(BackupJobVerdict.completedWithIssues(job("a", BackupJobState.COMPLETED, "SUCCESS", "note", 0))).isFalse();
        assertThat(BackupJobVerdict.completedWithIssues(job("b", BackupJobState.COMPLETED, "success", null, 0))).isFalse();
        assertThat(BackupJobVerdict.completedWithIssues(job("c", BackupJobState.COMPLETED, "INVALIDPARAMETERS", null, 0))).isTrue();
        assertThat(BackupJobVerdict.completedWithIssues(job("d", BackupJobState.COMPLETED, null, "Some files were skipped", 0))).isTrue();
        assertThat(BackupJobVerdict.completedWithIssues(job("e", BackupJobState.COMPLETED, null, " ", 0))).isFalse();
        assertThat(BackupJobVerdict.completedWithIssues(job("f", BackupJobState.FAILED, "ACCESS_DENIED", "x", 0))).isFalse();
    }

    @Test
    void judge_whenOnlyRunning_failsAndSaysJobsAreInProgress() {
        CheckResult r = BackupJobVerdict.judge("Orders", List.of(job("R1", BackupJobState.RUNNING, null, null, 0),
                job("P1", BackupJobState.PENDING, null, null, 1)), DAY);

        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.reason()).isEqualTo("no COMPLETED AWS Backup job in the last 24 h; 2 job(s) still in progress");
    }

    @Test
    void judge_whenManyProblems_listsFiveAndCountsTheRest() {
        List<BackupJob> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(job("F" + i, BackupJobState.FAILED, "ACCESS_DENIED", "denied", i));
        }

        CheckResult r = BackupJobVerdict.judge("Orders", jobs, Duration.ofMinutes(90));

        assertThat(r.reason()).startsWith("no COMPLETED AWS Backup job in the last 1.5 h: ").endsWith("; and 3 more");
        assertThat(r.reason().split("FAILED job ")).hasSize(6);
    }

    private static BackupJob job(String id, BackupJobState state, String category, String message, int minutes) {
        return BackupJob.builder().backupJobId(id).state(state).messageCategory(category).statusMessage(message)
                .resourceArn("arn:aws:dynamodb:us-east-1:123456789012:table/Orders").resourceType("DynamoDB")
                .creationDate(T.plusSeconds(60L * minutes)).build();
    }
}
