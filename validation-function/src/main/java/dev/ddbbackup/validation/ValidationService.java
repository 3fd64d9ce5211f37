package dev.ddbbackup.validation;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.table.NativeBackups;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.RestoreDrill;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreService;
import dev.ddbbackup.recovery.cfn.RestoreTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.RestoreValidationStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Proves the backups of the protected tables are there, fresh, intact and restorable (seed 004's
 * validateBackup and seed 000's validate step, and more): AWS Backup jobs, S3 backups, PITR, native
 * backups and restore drills, as a {@link ValidationPlan} asks, and the validation of AWS Backup restore
 * tests.
 *
 * <p>Configuration errors (a table or the bucket missing, no check switched on) throw
 * {@link ConfigException} before any check runs. A check that cannot run (access denied, throttled past
 * the SDK's retries, out of time) is a FAIL with its reason, and the other checks still run. Each run
 * publishes a {@code CheckFailed} metric per check and table, the totals, and what the checks measured,
 * then sends one notification summarising every check. It never throws for a check's failure.
 *
 * <p>Knows nothing of Lambda: the handler and {@code ddb-backup validate} both call it.
 */
public final class ValidationService {

    /** Data files verified at once by the S3 check. */
    static final int VERIFY_PARALLELISM = 4;
    /** PutRestoreValidationResult's message is for people; a long reason is cut here. */
    static final int MAX_VALIDATION_MESSAGE = 1000;

    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final BackupClient backup;
    private final AwsBackupJobCheck jobs;
    private final S3BackupCheck s3Backups;
    private final PitrCheck pitr;
    private final NativeBackupCheck nativeBackups;
    private final RestoreDrillCheck drill;
    private final RestoredTableValidator restoreTests;
    private final Notifier notifier;
    private final MetricsPublisher metrics;

    /**
     * @param drill the restore test the drill check runs (production: {@link RestoreDrill} on the recovery service)
     */
    public ValidationService(DynamoDbClient dynamoDb, S3Client s3, BackupClient backup, RestoreTest drill, Notifier notifier,
                             MetricsPublisher metrics, RestoreTestOptions restoreTestOptions, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.backup = backup;
        this.jobs = new AwsBackupJobCheck(backup, clock);
        this.s3Backups = new S3BackupCheck(s3, clock, VERIFY_PARALLELISM);
        this.pitr = new PitrCheck(dynamoDb, clock);
        this.nativeBackups = new NativeBackupCheck(new NativeBackups(dynamoDb), clock);
        this.drill = new RestoreDrillCheck(drill, clock);
        this.restoreTests = new RestoredTableValidator(dynamoDb, restoreTestOptions, Backoff.DEFAULT);
        this.notifier = notifier;
        this.metrics = metrics;
    }

    /**
     * The service with one client per service from {@code clients}, and the recovery service's
     * {@link RestoreDrill} for drills (its own metrics and notifications off: the validation reports the drill).
     */
    public static ValidationService standard(AwsClients clients, Notifier notifier, MetricsPublisher metrics,
                                             RestoreTestOptions restoreTestOptions, Clock clock) {
        DynamoDbClient ddb = clients.dynamoDb();
        S3Client s3 = clients.s3();
        RestoreService restores = new RestoreService(ddb, s3, null, Notifier.none(), MetricsPublisher.none(), RestoreOptions.DEFAULT, clock);
        return new ValidationService(ddb, s3, clients.backup(), new RestoreDrill(restores, ddb), notifier, metrics, restoreTestOptions,
                clock);
    }

    /**
     * Runs the plan's checks on every protected table, then publishes metrics and notifies.
     *
     * @throws ConfigException naming the setting when no check is switched on, a protected table does not
     *                         exist or the backup bucket does not; nothing else has run then
     */
    public ValidationReport run(ValidationPlan plan, Deadline deadline) {
        if (!plan.hasChecks()) {
            throw new ConfigException("checks", "none is switched on; " + plan.fields().enable());
        }
        Map<String, String> arns = new LinkedHashMap<>();
        Map<String, String> undescribed = new LinkedHashMap<>();
        describeTables(plan, arns, undescribed);
        if (plan.s3() != null) {
            requireBucket(plan.s3());
        }

        List<CheckResult> results = new ArrayList<>();
        List<Metric> measured = new ArrayList<>();
        if (plan.backupJobWindow() != null) {
            undescribed.forEach((table, error) -> results.add(CheckResult.fail(Check.AWS_BACKUP_JOBS, table,
                    "could not describe the table to find its ARN: " + error)));
            if (!arns.isEmpty()) {
                guarded(results, deadline, List.of(Check.AWS_BACKUP_JOBS), arns.keySet(), () -> jobs.check(arns, plan.backupJobWindow()));
            }
        }
        for (String table : plan.tables()) {
            if (plan.s3() != null) {
                guarded(results, deadline, List.of(Check.S3_BACKUP_AGE, Check.S3_BACKUP_INTEGRITY), List.of(table),
                        () -> s3Backups.check(table, plan.s3(), measured::add));
            }
            if (plan.maxPitrLag() != null) {
                guarded(results, deadline, List.of(Check.PITR), List.of(table),
                        () -> List.of(pitr.check(table, plan.maxPitrLag(), measured::add)));
            }
            if (plan.nativeMaxAge() != null) {
                guarded(results, deadline, List.of(Check.NATIVE_BACKUP), List.of(table),
                        () -> List.of(nativeBackups.check(table, plan.nativeMaxAge(), measured::add)));
            }
            if (plan.drill()) {
                guarded(results, deadline, List.of(Check.RESTORE_DRILL), List.of(table),
                        () -> List.of(drill.check(table, plan.s3(), deadline, measured::add)));
            }
        }
        return report(results, measured, new ArrayList<>());
    }

    /**
     * Validates the table an AWS Backup restore test restored and sends the verdict to AWS Backup with
     * PutRestoreValidationResult (SUCCESSFUL unless the check FAILed), then publishes metrics and notifies.
     * A restore job that did not complete is reported as a FAIL, and nothing is sent to AWS Backup.
     */
    public ValidationReport validateRestoreTest(RestoreTestEvent event, Deadline deadline) {
        List<CheckResult> results = new ArrayList<>();
        List<String> reportingErrors = new ArrayList<>();
        if (!event.completed()) {
            results.add(CheckResult.fail(Check.RESTORE_TEST, event.reportedTable(), "restore job " + event.restoreJobId() + " ended "
                    + event.status() + (event.statusMessage() == null ? "" : ": " + event.statusMessage()) + "; no table to validate"));
            return report(results, List.of(), reportingErrors);
        }
        guarded(results, deadline, List.of(Check.RESTORE_TEST), List.of(event.reportedTable()),
                () -> List.of(restoreTests.validate(event, deadline)));
        CheckResult result = results.get(0);
        RestoreValidationStatus status = result.outcome() == Outcome.FAIL ? RestoreValidationStatus.FAILED : RestoreValidationStatus.SUCCESSFUL;
        String message = result.reason().length() <= MAX_VALIDATION_MESSAGE ? result.reason()
                : result.reason().substring(0, MAX_VALIDATION_MESSAGE - 1) + "…";
        try {
            backup.putRestoreValidationResult(b -> b.restoreJobId(event.restoreJobId()).validationStatus(status)
                    .validationStatusMessage(message));
        } catch (SdkException e) {
            reportingErrors.add("validation result not sent to AWS Backup (PutRestoreValidationResult for job " + event.restoreJobId()
                    + "): " + errorText(e));
        }
        return report(results, List.of(), reportingErrors);
    }

    private void describeTables(ValidationPlan plan, Map<String, String> arns, Map<String, String> undescribed) {
        List<String> missing = new ArrayList<>();
        for (String table : plan.tables()) {
            try {
                arns.put(table, dynamoDb.describeTable(b -> b.tableName(table)).table().tableArn());
            } catch (ResourceNotFoundException e) {
                missing.add(table);
            } catch (SdkException e) {
                // Not knowing is not a configuration error: the checks on this table say what they can.
                undescribed.put(table, errorText(e));
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(plan.fields().tables(), (missing.size() == 1 ? "table '" + missing.get(0) + "' does not"
                    : "tables '" + String.join("', '", missing) + "' do not")
                    + " exist in this account and region; check the names and AWS_REGION");
        }
    }

    private void requireBucket(ValidationPlan.S3Target target) {
        try {
            s3.headBucket(b -> b.bucket(target.bucket()));
        } catch (NoSuchBucketException e) {
            throw missingBucket(target);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missingBucket(target);
            }
            // Access denied and the like: the S3 checks fail with the reason, the others still run.
        }
    }

    private static ConfigException missingBucket(ValidationPlan.S3Target target) {
        return new ConfigException(target.bucketField(), "bucket '" + target.bucket() + "' does not exist; check the name and AWS_REGION");
    }

    /** Runs one unit of checks; when it cannot run, each of its checks is a FAIL saying why, and the run goes on. */
    private static void guarded(List<CheckResult> out, Deadline deadline, List<Check> checks, Collection<String> tables,
                                Supplier<List<CheckResult>> body) {
        String problem;
        if (deadline.isNear()) {
            problem = "not run: less than " + deadline.marginMillis() / 1000 + " s of run time was left";
        } else {
            try {
                out.addAll(body.get());
                return;
            } catch (RuntimeException e) {
                problem = "could not run: " + errorText(e);
            }
        }
        for (String table : tables) {
            for (Check check : checks) {
                out.add(CheckResult.fail(check, table, problem));
            }
        }
    }

    private ValidationReport report(List<CheckResult> results, List<Metric> measured, List<String> reportingErrors) {
        List<Metric> all = new ArrayList<>(measured);
        for (CheckResult r : results) {
            all.add(new Metric("CheckFailed", r.outcome() == Outcome.FAIL ? 1 : 0, "Count",
                    Map.of("Check", r.check().label(), "TableName", r.table())));
        }
        ValidationReport partial = new ValidationReport(results, reportingErrors);
        all.add(Metric.of("ChecksPassed", partial.passed(), "Count"));
        all.add(Metric.of("ChecksWarned", partial.warned(), "Count"));
        all.add(Metric.of("ChecksFailed", partial.failed(), "Count"));
        List<String> errors = new ArrayList<>(reportingErrors);
        try {
            metrics.publish(all);
        } catch (SdkException e) {
            errors.add("metrics not published: " + errorText(e));
        }
        try {
            Notification n = new Notification(partial.headline(), partial.summary());
            if (partial.ok()) {
                notifier.success(n);
            } else {
                notifier.failure(n);
            }
        } catch (SdkException e) {
            errors.add("notification not sent: " + errorText(e));
        }
        return new ValidationReport(results, errors);
    }

    /** An error in one line, with AWS's error code when there is one (AccessDeniedException, ThrottlingException, ...). */
    static String errorText(RuntimeException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode() + ": " + ErrorText.firstLine(e);
        }
        return ErrorText.firstLine(e);
    }
}
