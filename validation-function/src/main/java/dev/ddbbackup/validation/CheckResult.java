package dev.ddbbackup.validation;

/**
 * One check's verdict for one table, with the reason in one line. Reasons name tables, backups, jobs,
 * files and counts; never item values.
 *
 * @param table the protected table checked (for a restore test, the table the recovery point was taken from
 *              when the event names it, else the restored table)
 */
public record CheckResult(Check check, String table, Outcome outcome, String reason) {

    public CheckResult {
        if (check == null || outcome == null) {
            throw new IllegalArgumentException("check and outcome are required");
        }
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("table is required");
        }
        reason = reason == null ? "" : reason.replaceAll("[\\r\\n]+", " ").strip();
        if (reason.isEmpty()) {
            throw new IllegalArgumentException("a check result needs a reason");
        }
    }

    public static CheckResult pass(Check check, String table, String reason) {
        return new CheckResult(check, table, Outcome.PASS, reason);
    }

    public static CheckResult warn(Check check, String table, String reason) {
        return new CheckResult(check, table, Outcome.WARN, reason);
    }

    public static CheckResult fail(Check check, String table, String reason) {
        return new CheckResult(check, table, Outcome.FAIL, reason);
    }

    /** {@code FAIL  s3-backup-integrity  Orders  reason}: the line the CLI prints and notifications carry. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%-4s  %-19s  %s  %s", outcome, check.label(), table, reason);
    }
}
