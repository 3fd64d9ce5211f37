package dev.ddbbackup.rotation;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.table.NativeBackups;
import dev.ddbbackup.core.table.TableNotFoundException;
import dev.ddbbackup.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Rotates native on-demand DynamoDB backups (seed 002, done right): creates a backup named
 * {@code {table}-{yyyyMMddHHmmss}}, waits (bounded) until DescribeBackup says it is AVAILABLE, lists the
 * table's USER backups over every ListBackups page and deletes those its {@link RetentionPolicy}
 * selects. DescribeBackup also names the table's TableId, so backups of an earlier table of the same
 * name are left alone. A create that fails, or a backup that does not become AVAILABLE in time, prunes
 * nothing. One table failing does not stop the others.
 *
 * <p>Knows nothing of Lambda: the handler and the CLI both call {@link #run}. AWS calls: DynamoDB
 * CreateBackup, DescribeBackup, ListBackups, DeleteBackup, and DescribeTable in dry runs only; SNS
 * Publish and CloudWatch PutMetricData through the given notifier and publisher.
 */
public final class RotationService {

    /** How long a run waits for a new backup to become AVAILABLE before failing the table without pruning. */
    public static final Duration DEFAULT_AVAILABLE_WAIT = Duration.ofMinutes(2);

    /** DescribeBackup polling: 500 ms base, 5 s cap, full jitter. */
    public static final Backoff DEFAULT_POLL = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

    private static final Logger LOG = LoggerFactory.getLogger(RotationService.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    // BackupName allows 3-255 characters; the timestamp suffix takes 15 of them.
    private static final int MAX_NAME_PREFIX = 255 - 15;

    private final DynamoDbClient dynamoDb;
    private final NativeBackups backups;
    private final Notifier notifier;
    private final MetricsPublisher metrics;
    private final Duration availableWait;
    private final Backoff poll;
    private final Clock clock;

    /**
     * @param availableWait longest wait for a new backup to become AVAILABLE (the run's deadline may cut it shorter)
     * @param poll          delays between DescribeBackup calls while waiting
     * @param clock         names backups and measures their age; not used to time the wait
     */
    public RotationService(DynamoDbClient dynamoDb, Notifier notifier, MetricsPublisher metrics, Duration availableWait, Backoff poll,
                           Clock clock) {
        if (availableWait == null || availableWait.isNegative() || availableWait.isZero()) {
            throw new IllegalArgumentException("availableWait must be positive");
        }
        this.dynamoDb = dynamoDb;
        this.backups = new NativeBackups(dynamoDb);
        this.notifier = notifier;
        this.metrics = metrics;
        this.availableWait = availableWait;
        this.poll = poll;
        this.clock = clock;
    }

    /** Rotates every table of the request, then publishes metrics (not for dry runs) and notifies. Never throws for a table's failure. */
    public RotationRunResult run(RotationRequest request, Deadline deadline) {
        List<TableRotationResult> results = new ArrayList<>();
        for (String table : request.tables()) {
            if (deadline.isNear()) {
                results.add(TableRotationResult.failed(table, request.dryRun(), null,
                        "not started: run time ran out before this table", 0));
            } else {
                results.add(request.dryRun() ? dryRun(table, request.policy()) : rotate(table, request.policy(), deadline));
            }
        }
        List<String> reportingErrors = new ArrayList<>();
        if (!request.dryRun()) {
            try {
                metrics.publish(metricsFor(results));
            } catch (SdkException e) {
                reportingErrors.add("metrics not published: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
            }
        }
        RotationRunResult partial = new RotationRunResult(results, List.of());
        String what = request.dryRun() ? "DynamoDB backup rotation (dry run)" : "DynamoDB backup rotation";
        try {
            if (partial.ok()) {
                notifier.success(new Notification(what + " succeeded: " + results.size() + " table(s)", partial.summary()));
            } else {
                notifier.failure(new Notification(what + " FAILED: " + partial.failedTables().size() + " of " + results.size()
                        + " table(s)", partial.summary()));
            }
        } catch (SdkException e) {
            reportingErrors.add("notification not sent: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
        }
        return new RotationRunResult(results, reportingErrors);
    }

    /** The name seed 002 gave its backups: {@code {table}-{yyyyMMddHHmmss}} in UTC, the table part cut to fit 255 characters. */
    static String backupName(String table, Instant at) {
        String prefix = table.length() > MAX_NAME_PREFIX ? table.substring(0, MAX_NAME_PREFIX) : table;
        return prefix + "-" + NAME_TIME.format(at);
    }

    private TableRotationResult rotate(String table, RetentionPolicy policy, Deadline deadline) {
        long started = System.nanoTime();
        NativeBackup created;
        String name = backupName(table, clock.instant());
        try {
            created = NativeBackup.of(dynamoDb.createBackup(b -> b.tableName(table).backupName(name)).backupDetails());
        } catch (software.amazon.awssdk.services.dynamodb.model.TableNotFoundException | ResourceNotFoundException e) {
            return TableRotationResult.failed(table, false, null,
                    new TableNotFoundException(table).getMessage() + "; nothing created or deleted", seconds(started));
        } catch (SdkException e) {
            return TableRotationResult.failed(table, false, null,
                    "CreateBackup failed: " + ErrorText.firstLine(e) + "; nothing deleted", seconds(started));
        }

        Awaited awaited = awaitAvailable(created, deadline);
        if (awaited.problem() != null) {
            return TableRotationResult.failed(table, false, awaited.backup(), awaited.problem() + "; nothing deleted", seconds(started));
        }
        created = awaited.backup();

        List<NativeBackup> listed;
        try {
            listed = backups.userBackups(table).stream().map(NativeBackup::of).toList();
        } catch (SdkException e) {
            return TableRotationResult.failed(table, false, created,
                    "ListBackups failed: " + ErrorText.firstLine(e) + "; nothing deleted", seconds(started));
        }
        RetentionPlan plan = policy.plan(listed, created, created.tableId(), clock.instant());

        List<RetentionPlan.Deletion> deleted = new ArrayList<>();
        List<NativeBackup> notDeleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RetentionPlan.Deletion d : plan.delete()) {
            if (deadline.isNear()) {
                problems.add("run time ran out before deleting " + d.name() + "; the next run prunes it");
                notDeleted.add(asBackup(d, created.tableId()));
                continue;
            }
            try {
                dynamoDb.deleteBackup(b -> b.backupArn(d.arn()));
                deleted.add(d);
                LOG.debug("deleted backup {} of {} ({})", d.name(), table, d.reason());
            } catch (BackupNotFoundException e) {
                LOG.debug("backup {} of {} was already gone", d.name(), table);
            } catch (SdkException e) {
                problems.add("deleting " + d.name() + " (" + d.arn() + ") failed: " + ErrorText.firstLine(e));
                notDeleted.add(asBackup(d, created.tableId()));
            }
        }
        List<NativeBackup> retained = new ArrayList<>(plan.retained());
        retained.addAll(notDeleted);
        return new TableRotationResult(table, problems.isEmpty() ? TableRotationResult.Status.SUCCEEDED : TableRotationResult.Status.FAILED,
                false, created, deleted, List.of(), retained, plan.inProgress(), plan.earlierTable(),
                problems.isEmpty() ? null : String.join("; ", problems), seconds(started));
    }

    private TableRotationResult dryRun(String table, RetentionPolicy policy) {
        long started = System.nanoTime();
        try {
            // A dry run creates nothing, so it asks DynamoDB whether the table exists: an empty ListBackups proves nothing.
            String tableId = dynamoDb.describeTable(b -> b.tableName(table)).table().tableId();
            List<NativeBackup> listed = backups.userBackups(table).stream().map(NativeBackup::of).toList();
            RetentionPlan plan = policy.plan(listed, null, tableId, clock.instant());
            return new TableRotationResult(table, TableRotationResult.Status.SUCCEEDED, true, null, List.of(), plan.delete(),
                    plan.retained(), plan.inProgress(), plan.earlierTable(), null, seconds(started));
        } catch (ResourceNotFoundException e) {
            return TableRotationResult.failed(table, true, null, new TableNotFoundException(table).getMessage(), seconds(started));
        } catch (SdkException e) {
            return TableRotationResult.failed(table, true, null, "dry run failed: " + ErrorText.firstLine(e), seconds(started));
        }
    }

    /**
     * Polls DescribeBackup until the backup is AVAILABLE, for at most the wait and never past the deadline's
     * margin. It is described at least once, also when CreateBackup already said AVAILABLE: only
     * DescribeBackup names the source table's TableId.
     */
    private Awaited awaitAvailable(NativeBackup created, Deadline deadline) {
        NativeBackup current = created;
        long waitMillis = Math.min(availableWait.toMillis(), deadline.millisBeforeMargin());
        long endNanos = System.nanoTime() + waitMillis * 1_000_000;
        for (int attempt = 1; ; attempt++) {
            String arn = current.arn();
            try {
                BackupDescription d = dynamoDb.describeBackup(b -> b.backupArn(arn)).backupDescription();
                current = NativeBackup.of(d.backupDetails(), d.sourceTableDetails() == null ? null : d.sourceTableDetails().tableId());
            } catch (BackupNotFoundException e) {
                return new Awaited(current, "backup " + current.name() + " disappeared while being created");
            } catch (SdkException e) {
                return new Awaited(current, "DescribeBackup of " + current.name() + " failed: " + ErrorText.firstLine(e));
            }
            if (current.available()) {
                return new Awaited(current, null);
            }
            if (!current.creating()) {
                return new Awaited(current, "backup " + current.name() + " is " + current.status() + " instead of AVAILABLE");
            }
            long leftMillis = (endNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return new Awaited(current, "backup " + current.name() + " is still CREATING after "
                        + String.format(Locale.ROOT, "%.1f", waitMillis / 1000.0) + " s; the next run counts it once it is AVAILABLE");
            }
            try {
                Thread.sleep(Math.min(poll.computeDelay(attempt).toMillis(), leftMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Awaited(current, "interrupted while waiting for backup " + current.name() + " to become AVAILABLE");
            }
        }
    }

    /** The backup as last seen, and why waiting for it failed (null when it is AVAILABLE). */
    private record Awaited(NativeBackup backup, String problem) {}

    private static NativeBackup asBackup(RetentionPlan.Deletion d, String tableId) {
        return new NativeBackup(d.arn(), d.name(), NativeBackup.AVAILABLE, d.createdAt(), tableId);
    }

    private static List<Metric> metricsFor(List<TableRotationResult> results) {
        List<Metric> out = new ArrayList<>();
        for (TableRotationResult r : results) {
            out.add(Metric.of("BackupsCreated", r.created() == null ? 0 : 1, "Count", "TableName", r.table()));
            out.add(Metric.of("BackupsDeleted", r.deleted().size(), "Count", "TableName", r.table()));
            // Only what was counted: a table whose backups were never listed has no retained figure.
            if (r.retained() != null) {
                out.add(Metric.of("BackupsRetained", r.retained().size(), "Count", "TableName", r.table()));
            }
        }
        return out;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000 / 1000.0;
    }
}
