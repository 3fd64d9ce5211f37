package dev.ddbbackup.rotation;

import java.util.List;

/**
 * The outcome of rotating one table. Lists name backups only (ARN, name, creation time), never data.
 *
 * @param created      the backup this run made, or null (dry run, or the create failed)
 * @param deleted      backups this run deleted, each with the rule that selected it
 * @param wouldDelete  in a dry run, the backups a real run would delete now; empty otherwise
 * @param retained     AVAILABLE backups left after the run, newest first: the new one, those kept by the
 *                     policy and any whose deletion failed; null when the table's backups were not listed
 * @param inProgress   backups of the table still CREATING, left alone
 * @param earlierTable backups of an earlier table of the same name (deleted and created again), left alone:
 *                     they may be the only copy of that table's data
 * @param error        why the table FAILED, or null
 */
public record TableRotationResult(
        String table,
        Status status,
        boolean dryRun,
        NativeBackup created,
        List<RetentionPlan.Deletion> deleted,
        List<RetentionPlan.Deletion> wouldDelete,
        List<NativeBackup> retained,
        List<NativeBackup> inProgress,
        List<NativeBackup> earlierTable,
        String error,
        double seconds) {

    /** SUCCEEDED: created (unless a dry run), waited for, listed and pruned as planned. FAILED: anything else. */
    public enum Status { SUCCEEDED, FAILED }

    public TableRotationResult {
        deleted = List.copyOf(deleted);
        wouldDelete = List.copyOf(wouldDelete);
        retained = retained == null ? null : List.copyOf(retained);
        inProgress = List.copyOf(inProgress);
        earlierTable = List.copyOf(earlierTable);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    static TableRotationResult failed(String table, boolean dryRun, NativeBackup created, String error, double seconds) {
        return new TableRotationResult(table, Status.FAILED, dryRun, created, List.of(), List.of(), null, List.of(), List.of(), error,
                seconds);
    }

    /** One line for logs, notifications and exceptions. */
    String summaryLine() {
        StringBuilder sb = new StringBuilder(table).append(": ").append(status);
        if (dryRun) {
            sb.append(" (dry run)");
        }
        if (created != null) {
            sb.append(" created=").append(created.name());
        }
        if (dryRun) {
            sb.append(" wouldDelete=").append(wouldDelete.size()).append(names(wouldDelete));
        } else if (retained != null) {
            sb.append(" deleted=").append(deleted.size()).append(names(deleted));
        }
        if (retained != null) {
            sb.append(" retained=").append(retained.size());
        }
        if (!inProgress.isEmpty()) {
            sb.append(" creating=").append(inProgress.size());
        }
        if (!earlierTable.isEmpty()) {
            sb.append(" earlierTable=").append(earlierTable.size());
        }
        if (error != null) {
            sb.append(" (").append(error).append(')');
        }
        return sb.toString();
    }

    private static String names(List<RetentionPlan.Deletion> ds) {
        if (ds.isEmpty()) {
            return "";
        }
        return ds.stream().map(d -> d.name() + ": " + d.reason()).collect(java.util.stream.Collectors.joining(", ", " [", "]"));
    }
}
