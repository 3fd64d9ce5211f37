package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventFields.TARGET_TABLE;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.DescribeRestoreJobResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Restores a DynamoDB table from an AWS Backup recovery point with StartRestoreJob, and follows the
 * job with DescribeRestoreJob when asked to wait.
 *
 * <p>Before starting it checks that the target table does not exist, so that mistake fails at once
 * with a {@link ConfigException} instead of as a FAILED job minutes later. The restored table lacks
 * what a DynamoDB restore never brings back (TTL, streams, point-in-time recovery, auto scaling, tags);
 * the result says so.
 *
 * <p>IAM: backup:StartRestoreJob and backup:DescribeRestoreJob, iam:PassRole on the restore role,
 * dynamodb:DescribeTable on the target. The restore role needs AWSBackupServiceRolePolicyForRestores.
 */
public final class AwsBackupRestoreService {

    /** Polling a restore job: 5 s base, 30 s cap, full jitter (restores take minutes). */
    public static final Backoff DEFAULT_POLL = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** The restore metadata keys AWS Backup documents for DynamoDB. */
    static final String TARGET_TABLE_NAME = "targetTableName";
    static final String ENCRYPTION_TYPE = "encryptionType";

    private static final Logger LOG = LoggerFactory.getLogger(AwsBackupRestoreService.class);
    private static final String NOT_RESTORED = "a restore does not bring back TTL, streams, point-in-time recovery,"
            + " auto scaling or tags; set them up if the table replaces its source";

    private final BackupClient backup;
    private final DynamoDbClient dynamoDb;
    private final Backoff poll;
    private final Clock clock;

    /**
     * @param backup   AWS Backup in the recovery point's region
     * @param dynamoDb DynamoDB in the same region, to check that the target does not exist
     * @param poll     delays between DescribeRestoreJob calls; keep its cap below the deadline's margin
     * @param clock    measures the run
     */
    public AwsBackupRestoreService(BackupClient backup, DynamoDbClient dynamoDb, Backoff poll, Clock clock) {
        this.backup = backup;
        this.dynamoDb = dynamoDb;
        this.poll = poll;
        this.clock = clock;
    }

    /**
     * Starts the restore job and, when the request says wait, follows it.
     *
     * @param deadline bounds the wait; when it comes first the result says RUNNING with the job id
     * @throws ConfigException           when the target exists or the recovery point is unknown (nothing changed)
     * @throws RestoreJobCheckException when the job started but its status could not be read
     */
    public AwsBackupRestoreResult restore(AwsBackupRestoreRequest request, Deadline deadline) {
        Instant started = clock.instant();
        String target = request.targetTable();
        requireAbsent(target);
        String jobId = startJob(request);
        LOG.debug("restore job {} started: {} into {}", jobId, request.recoveryPointArn(), target);
        if (!request.waitForCompletion()) {
            return result(request, jobId, AwsBackupRestoreResult.Status.RUNNING, null, started,
                    "restore job " + jobId + " started into table " + target + "; check it with"
                            + " aws backup describe-restore-job --restore-job-id " + jobId);
        }

        for (int attempt = 1; ; attempt++) {
            DescribeRestoreJobResponse job;
            try {
                job = backup.describeRestoreJob(b -> b.restoreJobId(jobId));
            } catch (SdkException e) {
                throw new RestoreJobCheckException(jobId, target, e);
            }
            switch (job.statusAsString() == null ? "" : job.statusAsString()) {
                case "COMPLETED":
                    return result(request, jobId, AwsBackupRestoreResult.Status.COMPLETED, job, started,
                            "restored " + request.recoveryPointArn() + " into table " + target + " (job " + jobId + "); "
                                    + NOT_RESTORED);
                case "FAILED":
                case "ABORTED":
                    return result(request, jobId, AwsBackupRestoreResult.Status.FAILED, job, started,
                            "restore job " + jobId + " into table " + target + " " + job.statusAsString() + ": "
                                    + (job.statusMessage() == null ? "AWS Backup gave no reason" : job.statusMessage()));
                default:
                    // PENDING, RUNNING, or a status newer than this SDK: keep following it.
                    break;
            }
            if (deadline.isNear()) {
                return result(request, jobId, AwsBackupRestoreResult.Status.RUNNING, job, started,
                        "restore job " + jobId + " into table " + target + " is still " + job.statusAsString()
                                + (job.percentDone() == null ? "" : " (" + job.percentDone() + " done)")
                                + " and this run is out of time; check it with aws backup describe-restore-job"
                                + " --restore-job-id " + jobId);
            }
            poll.sleep(attempt);
        }
    }

    private void requireAbsent(String target) {
        try {
            dynamoDb.describeTable(b -> b.tableName(target));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return;
        }
        throw new ConfigException(TARGET_TABLE, "table '" + target + "' already exists; a restore always creates a new"
                + " table, so choose another target_table or delete '" + target + "' first");
    }

    private String startJob(AwsBackupRestoreRequest request) {
        try {
            return backup.startRestoreJob(b -> b
                    .recoveryPointArn(request.recoveryPointArn())
                    .iamRoleArn(request.iamRoleArn())
                    .resourceType("DynamoDB")
                    // "Default" is DynamoDB's own key, AWS Backup's default too; named so the request says it.
                    .metadata(Map.of(TARGET_TABLE_NAME, request.targetTable(), ENCRYPTION_TYPE, "Default"))
                    // One token per restore: an SDK retry after a lost response must not start a second job.
                    .idempotencyToken(UUID.randomUUID().toString()))
                    .restoreJobId();
        } catch (software.amazon.awssdk.services.backup.model.ResourceNotFoundException e) {
            throw new ConfigException(RecoveryPointArn.FIELD, "AWS Backup has no recovery point "
                    + request.recoveryPointArn() + " (" + ErrorText.firstLine(e) + "); list them with"
                    + " aws backup list-recovery-points-by-resource, in the recovery point's region");
        }
    }

    private AwsBackupRestoreResult result(AwsBackupRestoreRequest request, String jobId, AwsBackupRestoreResult.Status status,
                                          DescribeRestoreJobResponse job, Instant started, String message) {
        long seconds = Duration.between(started, clock.instant()).toSeconds();
        LOG.debug("restore job {} into {}: {} in {} s", jobId, request.targetTable(), status, seconds);
        return new AwsBackupRestoreResult(request.recoveryPointArn(), request.targetTable(), jobId, status,
                job == null ? null : job.statusAsString(), job == null ? null : job.statusMessage(),
                job == null ? null : job.createdResourceArn(), seconds, message);
    }
}
