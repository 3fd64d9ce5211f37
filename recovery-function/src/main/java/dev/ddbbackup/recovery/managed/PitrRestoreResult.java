package dev.ddbbackup.recovery.managed;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a point-in-time restore, for the handler's response, notifications and the CLI.
 *
 * @param sourceTable     the table restored from
 * @param targetTable     the new table; check on it later with DescribeTable when {@code status} is CREATING
 * @param targetTableArn  the new table's ARN as DynamoDB reported it, or null if it never did
 * @param restoreDateTime the point in time restored to, as DynamoDB reported it; else the requested time (null for latest)
 * @param status          how far the restore got in this run
 * @param seconds         wall-clock seconds this run took
 * @param reapplied       source settings set on the new table, for example {@code ttl (expiresAt)}
 * @param pending         source settings not (yet) on the new table, each with the reason; empty when nothing is left
 * @param message         one line for people: what happened and what to do next
 */
public record PitrRestoreResult(String sourceTable, String targetTable, String targetTableArn, Instant restoreDateTime,
                                Status status, long seconds, List<String> reapplied, List<String> pending,
                                String message) {

    /** Never carried over by a restore and never re-applied by this tool: the owner of the table sets them up. */
    public static final String NOT_HANDLED = "auto scaling policies, IAM policies, CloudWatch alarms";

    public PitrRestoreResult {
        if (sourceTable == null || targetTable == null || status == null) {
            throw new IllegalArgumentException("source, target and status are required");
        }
        reapplied = reapplied == null ? List.of() : List.copyOf(reapplied);
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** True when the table is ACTIVE and every setting that could be re-applied was. */
    public boolean complete() {
        return status == Status.ACTIVE && pending.isEmpty();
    }

    /** How far a point-in-time restore got. */
    public enum Status {
        /** The new table is ACTIVE; {@code pending} lists any setting that could not be re-applied. */
        ACTIVE,
        /** DynamoDB accepted the restore but this run did not see the table ACTIVE (not waiting, or out of time); settings were not re-applied. */
        CREATING,
        /** The new table disappeared while being restored: DynamoDB abandoned the restore. */
        FAILED
    }
}
