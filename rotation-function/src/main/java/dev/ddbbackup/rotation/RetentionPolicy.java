package dev.ddbbackup.rotation;

import dev.ddbbackup.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many native backups of a table to keep and how old they may get; decides, without any AWS call,
 * which backups a rotation deletes.
 *
 * <p>The rules ({@link #plan}): the backup just created is always kept and counts as one of
 * {@code maxBackups}; only AVAILABLE backups are counted and deleted (CREATING ones are left alone,
 * DELETED ones are already going); backups of an earlier table of the same name (deleted and created
 * again, so another TableId) are never counted or deleted: they may be the only copy of its data; of
 * the others, the newest {@code maxBackups - 1} are kept unless older than {@code maxAgeDays}. Since
 * the new backup is always kept, a rotation never leaves fewer than one.
 *
 * @param maxBackups AVAILABLE backups to keep, the new one included (1-1000)
 * @param maxAgeDays delete backups older than this many days (1-36500), or null to prune by count only
 */
public record RetentionPolicy(int maxBackups, Integer maxAgeDays) {

    public static final int DEFAULT_MAX_BACKUPS = 3;
    public static final int MAX_KEEP = 1000;
    public static final int MAX_AGE_DAYS = 36_500;

    public RetentionPolicy {
        check("maxBackups", maxBackups, "maxAgeDays", maxAgeDays);
    }

    /** A policy whose errors name the given settings (an environment variable, event field or CLI option). */
    public static RetentionPolicy of(String keepField, int maxBackups, String ageField, Integer maxAgeDays) {
        check(keepField, maxBackups, ageField, maxAgeDays);
        return new RetentionPolicy(maxBackups, maxAgeDays);
    }

    private static void check(String keepField, int maxBackups, String ageField, Integer maxAgeDays) {
        if (maxBackups < 1 || maxBackups > MAX_KEEP) {
            throw new ConfigException(keepField, "must be between 1 and " + MAX_KEEP
                    + " (backups to keep, the new one included), got " + maxBackups);
        }
        if (maxAgeDays != null && (maxAgeDays < 1 || maxAgeDays > MAX_AGE_DAYS)) {
            throw new ConfigException(ageField, "must be between 1 and " + MAX_AGE_DAYS
                    + " days, got " + maxAgeDays + "; leave it unset to prune by count only");
        }
    }

    /**
     * Decides which of a table's backups to delete.
     *
     * @param listed  the table's USER backups as ListBackups reported them, in any order; may or may not
     *                include {@code created}
     * @param created the AVAILABLE backup this run made, or null for a dry run, which plans as if a new
     *                backup were created now (one slot is kept for it)
     * @param tableId the table's current TableId, or null when unknown: then every listed backup counts
     *                as this table's
     * @param now     the time backup ages are measured at
     */
    public RetentionPlan plan(List<NativeBackup> listed, NativeBackup created, String tableId, Instant now) {
        List<NativeBackup> others = new ArrayList<>(listed.stream()
                .filter(b -> created == null || !created.arn().equals(b.arn()))
                .toList());
        others.sort(Comparator.comparing(NativeBackup::createdAt).reversed());
        Instant cutoff = maxAgeDays == null ? null : now.minus(Duration.ofDays(maxAgeDays));
        int slots = maxBackups - 1;

        List<NativeBackup> retained = new ArrayList<>();
        if (created != null) {
            retained.add(created);
        }
        List<RetentionPlan.Deletion> delete = new ArrayList<>();
        List<NativeBackup> inProgress = new ArrayList<>();
        List<NativeBackup> earlierTable = new ArrayList<>();
        int kept = 0;
        for (NativeBackup b : others) {
            if (tableId != null && b.tableId() != null && !tableId.equals(b.tableId())) {
                earlierTable.add(b);
            } else if (b.creating()) {
                inProgress.add(b);
            } else if (!b.available()) {
                continue; // DELETED: DynamoDB is removing it already
            } else if (kept >= slots) {
                delete.add(RetentionPlan.Deletion.of(b, "beyond the " + maxBackups + " newest"));
            } else if (cutoff != null && b.createdAt().isBefore(cutoff)) {
                delete.add(RetentionPlan.Deletion.of(b, "older than " + maxAgeDays + " day" + (maxAgeDays == 1 ? "" : "s")));
            } else {
                retained.add(b);
                kept++;
            }
        }
        return new RetentionPlan(retained, delete, inProgress, earlierTable);
    }
}
