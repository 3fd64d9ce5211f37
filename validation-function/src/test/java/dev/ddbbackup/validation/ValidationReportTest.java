package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    @Test
    void summary_listsFailuresFirst_andHeadlineCountsThem() {
        ValidationReport r = new ValidationReport(List.of(
                CheckResult.pass(Check.PITR, "Orders", "ENABLED"),
                CheckResult.warn(Check.AWS_BACKUP_JOBS, "Orders", "1 FAILED"),
                CheckResult.fail(Check.S3_BACKUP_AGE, "Orders", "too old")), List.of());

        assertThat(r.ok()).isFalse();
        assertThat(r.headline()).isEqualTo("DynamoDB backup validation FAILED: 1 of 3 check(s)");
        assertThat(r.summary()).isEqualTo("""
                FAIL  s3-backup-age        Orders  too old
                WARN  aws-backup-jobs      Orders  1 FAILED
                PASS  pitr                 Orders  ENABLED
                """);
    }

    @Test
    void ok_withWarningsOnly_butNotWithAReportingError() {
        List<CheckResult> checks = List.of(CheckResult.warn(Check.PITR, "Orders", "lagging"), CheckResult.pass(Check.PITR, "Users", "ok"));

        assertThat(new ValidationReport(checks, List.of()).ok()).isTrue();
        assertThat(new ValidationReport(checks, List.of()).headline()).isEqualTo("DynamoDB backup validation PASSED: 2 check(s), 1 warning(s)");
        ValidationReport unreported = new ValidationReport(checks, List.of("notification not sent: x"));
        assertThat(unreported.ok()).isFalse();
        assertThat(unreported.summary()).endsWith("reporting: notification not sent: x\n");
    }

    @Test
    void checkResult_isOneLine_andNeedsAReason() {
        assertThat(CheckResult.fail(Check.PITR, "Orders", "a\nb\r\nc").reason()).isEqualTo("a b c");
        assertThatThrownBy(() -> CheckResult.pass(Check.PITR, "Orders", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
