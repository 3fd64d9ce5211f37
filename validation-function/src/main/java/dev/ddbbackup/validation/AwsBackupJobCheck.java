package dev.ddbbackup.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupJob;

/**
 * Check 1 (seed 004's validateBackup, done right): lists the window's AWS Backup jobs for DynamoDB over
 * every page (ListBackupJobs, ByResourceType DynamoDB, ByCreatedAfter now minus the window) and judges
 * each protected table's jobs with {@link BackupJobVerdict}.
 *
 * <p>Jobs are matched to tables by the table ARN DescribeTable reported; only protected tables' jobs are
 * kept, so memory holds one window of their jobs.
 */
final class AwsBackupJobCheck {

    static final String RESOURCE_TYPE = "DynamoDB";

    private final BackupClient backup;
    private final Clock clock;

    AwsBackupJobCheck(BackupClient backup, Clock clock) {
        this.backup = backup;
        this.clock = clock;
    }

    /**
     * One result per table of {@code tableArns} (table name to ARN), in its order.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the jobs cannot be listed
     */
    List<CheckResult> check(Map<String, String> tableArns, Duration window) {
        Instant since = clock.instant().minus(window);
        Map<String, List<BackupJob>> byArn = new HashMap<>();
        tableArns.values().forEach(arn -> byArn.put(arn, new ArrayList<>()));
        for (BackupJob job : backup.listBackupJobsPaginator(b -> b.byResourceType(RESOURCE_TYPE).byCreatedAfter(since)).backupJobs()) {
            List<BackupJob> jobs = byArn.get(job.resourceArn());
            if (jobs != null) {
                jobs.add(job);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        tableArns.forEach((table, arn) -> results.add(BackupJobVerdict.judge(table, byArn.get(arn), window)));
        return results;
    }
}
