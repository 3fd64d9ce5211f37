package dev.ddbbackup.backup;

import java.util.List;

/**
 * The outcome of a run: one result per table, plus problems reporting it (notification or metrics
 * failures), which also fail the run.
 */
public record BackupRunResult(List<TableBackupResult> tables, List<String> reportingErrors) {

    public BackupRunResult {
        tables = List.copyOf(tables);
        reportingErrors = List.copyOf(reportingErrors);
    }

    public boolean ok() {
        return reportingErrors.isEmpty() && tables.stream().allMatch(TableBackupResult::succeeded);
    }

    public long totalItems() {
        return tables.stream().filter(TableBackupResult::succeeded).mapToLong(TableBackupResult::items).sum();
    }

    /** One line per table, for exceptions and notifications: never item data. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (TableBackupResult t : tables) {
            sb.append(t.table()).append(": ").append(t.status());
            if (t.backupId() != null) {
                sb.append(" backupId=").append(t.backupId());
            }
            if (t.succeeded()) {
                sb.append(String.format(java.util.Locale.ROOT, " items=%d bytes=%d files=%d seconds=%.1f",
                        t.items(), t.compressedBytes(), t.dataFiles(), t.seconds()));
            } else if (t.error() != null) {
                sb.append(" (").append(t.error()).append(')');
            }
            sb.append('\n');
        }
        reportingErrors.forEach(e -> sb.append("reporting: ").append(e).append('\n'));
        return sb.toString();
    }
}
