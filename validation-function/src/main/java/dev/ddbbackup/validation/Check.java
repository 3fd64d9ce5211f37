package dev.ddbbackup.validation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The checks a validation runs; each gives one {@link CheckResult} per protected table. The label names
 * the check in results, notifications, the CLI and the {@code Check} metric dimension.
 */
public enum Check {
    /** Every protected table has a COMPLETED AWS Backup job in the window; failed and partial jobs are reported. */
    AWS_BACKUP_JOBS("aws-backup-jobs"),
    /** The latest complete S3 backup is younger than the RPO. */
    S3_BACKUP_AGE("s3-backup-age"),
    /** The latest complete S3 backup's manifests, data-file checksums and item counts verify. */
    S3_BACKUP_INTEGRITY("s3-backup-integrity"),
    /** Point-in-time recovery is on, and its latest restorable time is recent. */
    PITR("pitr"),
    /** A recent AVAILABLE on-demand (USER) DynamoDB backup exists. */
    NATIVE_BACKUP("native-backup"),
    /** The latest S3 backup restores into a scratch table holding every item. */
    RESTORE_DRILL("restore-drill"),
    /** A table restored by an AWS Backup restore testing plan is usable. */
    RESTORE_TEST("restore-test");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The name in results, notifications, JSON output and the {@code Check} metric dimension. */
    @JsonValue
    public String label() {
        return label;
    }
}
