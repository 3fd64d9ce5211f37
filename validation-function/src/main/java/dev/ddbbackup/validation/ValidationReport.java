package dev.ddbbackup.validation;

import java.util.List;

/**
 * The outcome of a validation run: one result per check and table, plus problems reporting them
 * (metrics, notification, AWS Backup's validation result), which also fail the run.
 */
public record ValidationReport(List<CheckResult> checks, List<String> reportingErrors) {

    public ValidationReport {
        checks = List.copyOf(checks);
        reportingErrors = List.copyOf(reportingErrors);
    }

    /** True when no check FAILed and everything was reported. */
    public boolean ok() {
        return failed() == 0 && reportingErrors.isEmpty();
    }

    public long passed() {
        return count(Outcome.PASS);
    }

    public long warned() {
        return count(Outcome.WARN);
    }

    public long failed() {
        return count(Outcome.FAIL);
    }

    /** The notification subject: the verdict and the counts. */
    public String headline() {
        if (failed() > 0) {
            return "DynamoDB backup validation FAILED: " + failed() + " of " + checks.size() + " check(s)";
        }
        return "DynamoDB backup validation PASSED: " + checks.size() + " check(s)" + (warned() > 0 ? ", " + warned() + " warning(s)" : "");
    }

    /** One line per check, failures first, then reporting problems: for notifications, logs and exceptions. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : List.of(Outcome.FAIL, Outcome.WARN, Outcome.PASS)) {
            checks.stream().filter(c -> c.outcome() == o).forEach(c -> sb.append(c.line()).append('\n'));
        }
        reportingErrors.forEach(e -> sb.append("reporting: ").append(e).append('\n'));
        return sb.toString();
    }

    private long count(Outcome o) {
        return checks.stream().filter(c -> c.outcome() == o).count();
    }
}
