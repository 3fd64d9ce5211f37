package dev.ddbbackup.recovery.managed;

/**
 * The outcome of an AWS Backup restore job, for the handler's response, notifications and the CLI.
 *
 * @param recoveryPointArn   the recovery point restored
 * @param targetTable        the table the job creates
 * @param restoreJobId       AWS Backup's job id; check on it with DescribeRestoreJob when {@code status} is RUNNING
 * @param status             how the job stands at the end of this run
 * @param jobStatus          AWS Backup's own status last seen (PENDING, RUNNING, COMPLETED, ABORTED, FAILED), or null when not polled
 * @param statusMessage      AWS Backup's StatusMessage, which says why a job failed; may be null
 * @param createdResourceArn the restored table's ARN once the job completed; else null
 * @param seconds            wall-clock seconds this run took
 * @param message            one line for people: what happened and what to do next
 */
public record AwsBackupRestoreResult(String recoveryPointArn, String targetTable, String restoreJobId, Status status,
                                     String jobStatus, String statusMessage, String createdResourceArn, long seconds,
                                     String message) {

    public AwsBackupRestoreResult {
        if (recoveryPointArn == null || targetTable == null || restoreJobId == null || status == null) {
            throw new IllegalArgumentException("recovery point, target, job id and status are required");
        }
    }

    /** How a restore job stands. */
    public enum Status {
        /** The job completed: the table exists. */
        COMPLETED,
        /** The job is pending or running (not waiting, or out of time): check it later by its id. */
        RUNNING,
        /** AWS Backup reported FAILED or ABORTED; {@code statusMessage} says why. */
        FAILED
    }
}
