package dev.ddbbackup.recovery;

import dev.ddbbackup.core.codec.MalformedItemException;
import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.rate.CapacityLimiter;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.RestoreResult.Status;
import dev.ddbbackup.recovery.source.ItemOperation;
import dev.ddbbackup.recovery.source.OperationReader;
import dev.ddbbackup.recovery.source.RestoreSource;
import dev.ddbbackup.recovery.source.SourcePart;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restores a source into a DynamoDB table (seed 001, done right) and proves it: manifests read first,
 * every data file verified before any of its items is written (the whole backup first when it fits
 * {@link RestoreOptions#verifyAllFirstMaxBytes()}), a missing target created from the recorded schema,
 * items written in parallel with unprocessed items retried until written, every item read back by key
 * and compared as soon as its write is acknowledged, and the settings that must follow the data (tags,
 * PITR, TTL) re-applied.
 *
 * <p>Progress is checkpointed to S3 after each finished data file; a run that comes near its deadline
 * stops between items and returns INCOMPLETE with a restore id that {@link #resume} continues.
 *
 * <p>Knows nothing of Lambda: the handler, the CLI and the restore drills call it.
 */
public final class RestoreService {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final BackupLayout checkpointLayout;
    private final Notifier notifier;
    private final MetricsPublisher metrics;
    private final RestoreOptions options;
    private final Clock clock;

    /**
     * @param checkpointLayout where progress is kept, in the source's bucket ({@code {prefix}/.restores/});
     *                         null when restores cannot be resumed (then a run that stops for time must start again)
     */
    public RestoreService(DynamoDbClient dynamoDb, S3Client s3, BackupLayout checkpointLayout, Notifier notifier,
                          MetricsPublisher metrics, RestoreOptions options, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.checkpointLayout = checkpointLayout;
        this.notifier = notifier;
        this.metrics = metrics;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Runs a new restore, then publishes metrics and notifies.
     *
     * @throws ConfigException when the request cannot be carried out as asked (target exists in
     *     fail_if_exists mode, key schema differs, no schema to create the target from); nothing is written
     * @throws dev.ddbbackup.core.format.BackupNotFoundException when the named or latest backup does not exist
     */
    public RestoreResult restore(RestoreRequest request, Deadline deadline) {
        RestoreRequest resolved = request.withSource(request.source().resolve(s3));
        String id = resolved.targetTable() + "-" + ID_TIME.format(clock.instant()) + "-" + Integer.toHexString(RANDOM.nextInt(0x10000) | 0x10000).substring(1);
        return report(new Run(id, resolved, null, deadline).execute());
    }

    /**
     * Continues a restore from its checkpoint in {@code bucket} (the bucket of the restore's source):
     * finished data files are not written again.
     */
    public RestoreResult resume(String bucket, String restoreId, Deadline deadline) {
        if (checkpointLayout == null) {
            throw new ConfigException("restore_id", "this runner keeps no checkpoints, so it cannot resume");
        }
        RestoreCheckpoint checkpoint = new CheckpointStore(s3, bucket, checkpointLayout).load(restoreId);
        if (Status.SUCCEEDED.name().equals(checkpoint.status())) {
            throw new ConfigException("restore_id", "restore " + restoreId + " already SUCCEEDED; nothing to resume");
        }
        return report(new Run(restoreId, checkpoint.request(), checkpoint, deadline).execute());
    }

    private RestoreResult report(RestoreResult result) {
        List<String> errors = new ArrayList<>();
        try {
            double failed = Math.max(0, result.itemsExpected() - result.itemsWritten())
                    + (result.readBack() == null ? 0 : result.readBack().different() + result.readBack().missing());
            metrics.publish(List.of(
                    Metric.of("ItemsRestored", result.itemsWritten(), "Count", "TableName", result.targetTable()),
                    Metric.of("FailedItems", result.status() == Status.SUCCEEDED ? 0 : failed, "Count", "TableName", result.targetTable()),
                    Metric.of("RecoveryValidationRate", result.readBack() == null ? 0 : result.readBack().validationRatePercent(), "Percent",
                            "TableName", result.targetTable()),
                    Metric.of("RestoreDurationSeconds", result.seconds(), "Seconds", "TableName", result.targetTable())));
        } catch (SdkException e) {
            errors.add("metrics not published: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
        }
        try {
            String subject = "DynamoDB restore " + result.status() + ": " + result.targetTable();
            if (result.status() == Status.SUCCEEDED) {
                notifier.success(new Notification(subject, result.summary()));
            } else {
                notifier.failure(new Notification(subject, result.summary()));
            }
        } catch (SdkException e) {
            errors.add("notification not sent: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
        }
        return errors.isEmpty() ? result : result.withReportingErrors(errors);
    }

    /** One run of one restore: state shared by its phases. */
    private final class Run {
        final String restoreId;
        final RestoreRequest request;
        final CheckpointStore checkpoints;
        final Deadline deadline;
        final Instant startedAt;
        final long started = System.nanoTime();
        final List<String> finished = new ArrayList<>();
        final long itemsBefore;
        /** What reading back found in finished parts, this run's and those of the runs it resumes; null without read-back. */
        final ReadBackTally readBack;
        final List<String> runWarnings = new ArrayList<>();
        boolean tableCreated;
        boolean writesDone;
        RestoreSource source;
        List<SourcePart> parts = List.of();
        LaneWriter lanes;
        double verifySeconds;
        double writeSeconds;
        boolean stoppedForTime;

        Run(String restoreId, RestoreRequest request, RestoreCheckpoint checkpoint, Deadline deadline) {
            this.restoreId = restoreId;
            this.request = request;
            this.checkpoints = checkpointLayout == null ? null : new CheckpointStore(s3, request.source().bucket(), checkpointLayout);
            this.deadline = deadline;
            this.startedAt = checkpoint == null ? clock.instant() : checkpoint.startedAt();
            if (checkpoint != null) {
                finished.addAll(checkpoint.finishedParts());
                tableCreated = checkpoint.tableCreated();
                writesDone = checkpoint.writesDone();
            }
            this.itemsBefore = checkpoint == null ? 0 : checkpoint.itemsWritten();
            this.readBack = options.readBack() ? new ReadBackTally(checkpoint == null ? null : checkpoint.readBack()) : null;
            if (readBack != null && checkpoint != null && checkpoint.readBack() == null && !finished.isEmpty()) {
                runWarnings.add(finished.size() + " file(s) finished by an earlier run without read-back were not read back");
            }
        }

        RestoreResult execute() {
            try {
                source = request.source().open(s3);
                parts = source.parts();
            } catch (CorruptBackupException e) {
                return result(Status.FAILED, List.of(), "refused before the first write: " + e.getMessage());
            }
            String target = request.targetTable();
            TableDescription existing = describe(target);
            TableDescriptor recorded = source.table().orElse(null);
            KeySchema keys;
            if (existing != null) {
                if (request.mode() == RestoreRequest.Mode.FAIL_IF_EXISTS && !tableCreated) {
                    throw new ConfigException("mode", "table " + target + " already exists and the mode is fail_if_exists; "
                            + "restore into a new target_table or use mode overwrite");
                }
                keys = KeySchema.of(existing);
                if (recorded != null && !KeySchema.of(recorded).sameAs(keys)) {
                    throw new ConfigException("target_table", "table " + target + " has key (" + keys + ") but the backup's table "
                            + recorded.name() + " has key (" + KeySchema.of(recorded) + "); restore into a new table instead");
                }
            } else if (recorded == null) {
                throw new ConfigException("target_table", "table " + target + " does not exist and a " + source.format()
                        + " source records no schema; create the table first with the source table's key, then restore into it");
            } else {
                keys = KeySchema.of(recorded);
            }

            List<SourcePart> todo = parts.stream().filter(p -> !finished.contains(p.key())).toList();
            long bytes = todo.stream().mapToLong(p -> Math.max(0, p.bytes())).sum();
            boolean verifyFirst = bytes <= options.verifyAllFirstMaxBytes();
            if (verifyFirst && !writesDone) {
                long t0 = System.nanoTime();
                String refused = verifyAll(todo, keys);
                verifySeconds = seconds(t0);
                if (refused != null) {
                    return finish(Status.FAILED, List.of(), "refused before the first write: " + refused);
                }
                if (deadline.isNear()) {
                    return finish(Status.INCOMPLETE, List.of(), "run time ran out after verifying; nothing written yet");
                }
            }
            if (existing == null) {
                new TableCreator(dynamoDb).create(target, recorded, request.deletionProtection(), deadline);
                tableCreated = true;
                checkpoint("RUNNING");
            }
            if (!writesDone) {
                long t0 = System.nanoTime();
                String problem = writeAll(todo, keys, !verifyFirst);
                writeSeconds = seconds(t0);
                if (problem != null) {
                    return finish(stoppedForTime ? Status.INCOMPLETE : Status.FAILED, List.of(), problem);
                }
                writesDone = true;
                checkpoint("RUNNING");
            }
            // After the read-back: TTL starts deleting expired items as soon as it is on.
            List<String> settings = tableCreated && recorded != null
                    ? new TableCreator(dynamoDb).applySettingsAfterData(target, describe(target).tableArn(), recorded, deadline) : List.of();
            ReadBackReport report = readBack == null ? null : readBack.report();
            if (report != null && !report.ok()) {
                return finish(Status.FAILED, settings, "read-back found " + report.different() + " different and "
                        + report.missing() + " missing of " + report.expected() + " items");
            }
            return finish(Status.SUCCEEDED, settings, null);
        }

        /** Verifies every part, in parallel; returns why the source is refused, or null. */
        private String verifyAll(List<SourcePart> todo, KeySchema keys) {
            ExecutorService pool = DaemonPool.fixed(Math.max(1, Math.min(options.readConcurrency(), todo.size())), "restore-verify");
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (SourcePart part : todo) {
                    futures.add(pool.submit(() -> source.verify(part, inspector(part, keys))));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                return null;
            } catch (ExecutionException e) {
                return refusal(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while verifying";
            } finally {
                pool.shutdownNow();
            }
        }

        /** Writes the parts group by group; returns why it stopped early, or null when every part is written. */
        private String writeAll(List<SourcePart> todo, KeySchema keys, boolean verifyEachFirst) {
            CapacityLimiter limiter = request.maxWriteCapacityUnits() == null ? null : new CapacityLimiter(request.maxWriteCapacityUnits());
            ReadBackChecker checker = readBack == null ? null
                    : new ReadBackChecker(dynamoDb, Backoff.DEFAULT, options.maxAttempts(), request.targetTable(), keys);
            lanes = new LaneWriter(new BatchItemWriter(dynamoDb, Backoff.DEFAULT, options.maxAttempts(), limiter),
                    request.targetTable(), keys, options.writeConcurrency(), request.batchSize(), checker);
            ExecutorService readers = DaemonPool.fixed(options.readConcurrency(), "restore-read");
            AtomicBoolean outOfTime = new AtomicBoolean();
            String problem = null;
            try {
                TreeMap<Integer, List<SourcePart>> groups = new TreeMap<>();
                todo.forEach(p -> groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p));
                for (List<SourcePart> group : groups.values()) {
                    List<PartProgress> progress = new ArrayList<>();
                    List<Future<?>> futures = new ArrayList<>();
                    for (SourcePart part : group) {
                        PartProgress p = new PartProgress(part, readBack != null, this::partFinished);
                        progress.add(p);
                        futures.add(readers.submit(() -> {
                            feed(p, keys, verifyEachFirst, outOfTime);
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (ExecutionException e) {
                            problem = problem != null ? problem : refusal(e.getCause());
                        }
                    }
                    // Parts of the next group may overwrite this group's keys: wait until this group is acknowledged.
                    while (problem == null && lanes.failure() == null && !outOfTime.get()
                            && !progress.stream().allMatch(PartProgress::finished)) {
                        Thread.sleep(5);
                    }
                    if (problem != null || lanes.failure() != null || outOfTime.get()) {
                        break;
                    }
                }
                lanes.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted while writing";
            } finally {
                readers.shutdownNow();
            }
            if (lanes.failure() != null) {
                String cause = ErrorText.firstLine(lanes.failure());
                return cause.startsWith("read-back") ? cause : "write failed: " + cause;
            }
            if (problem != null) {
                return problem;
            }
            stoppedForTime = outOfTime.get();
            return stoppedForTime ? "run time ran out while writing; " + finished.size() + " of " + parts.size() + " files finished" : null;
        }

        private void feed(PartProgress progress, KeySchema keys, boolean verifyFirst, AtomicBoolean outOfTime) throws IOException, InterruptedException {
            SourcePart part = progress.part();
            if (deadline.isNear()) {
                outOfTime.set(true);
                return;
            }
            if (verifyFirst) {
                source.verify(part, inspector(part, keys));
            }
            try (OperationReader reader = source.open(part)) {
                ItemOperation op;
                long n = 0;
                while ((op = reader.next()) != null) {
                    if (lanes.failure() != null) {
                        return;
                    }
                    if ((++n & 255) == 0 && deadline.isNear()) {
                        outOfTime.set(true);
                        return;
                    }
                    lanes.submit(op, progress);
                }
            } catch (MalformedItemException e) {
                throw new CorruptBackupException(part.key(), "malformed item: " + e.getMessage());
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new CorruptBackupException(part.key(), "truncated or corrupt gzip (" + e.getMessage() + ")", e);
            }
            progress.readDone();
        }

        private void partFinished(PartProgress p) {
            synchronized (this) {
                finished.add(p.part().key());
                if (readBack != null) {
                    readBack.add(p.readBackReport());
                }
            }
            LOG.debug("restore {}: finished {} ({} items)", restoreId, p.part().key(), p.submitted());
            checkpoint("RUNNING");
        }

        private Consumer<ItemOperation> inspector(SourcePart part, KeySchema keys) {
            AtomicLong n = new AtomicLong();
            return op -> {
                long i = n.incrementAndGet();
                String problem = keys.problem(op.attributes());
                if (problem != null) {
                    throw new CorruptBackupException(part.key(), "item " + i + " does not fit table " + request.targetTable()
                            + ": " + problem + " (its key is " + keys + ")");
                }
            };
        }

        private synchronized void checkpoint(String status) {
            if (checkpoints == null) {
                return;
            }
            checkpoints.save(new RestoreCheckpoint(restoreId, request, status, tableCreated, writesDone, finished,
                    itemsBefore + (lanes == null ? 0 : lanes.written()), readBack == null ? null : readBack.report(),
                    startedAt, clock.instant()));
        }

        private RestoreResult finish(Status status, List<String> settings, String error) {
            RestoreResult r = result(status, settings, error);
            try {
                checkpoint(status.name());
            } catch (SdkException e) {
                LOG.warn("restore {}: checkpoint not saved: {}", restoreId, ErrorText.firstLine(e));
            }
            return r;
        }

        private synchronized RestoreResult result(Status status, List<String> settings, String error) {
            long expected = parts.stream().mapToLong(p -> Math.max(0, p.expectedItems())).sum();
            List<String> warnings = new ArrayList<>(source == null ? List.of() : source.warnings());
            warnings.addAll(runWarnings);
            return new RestoreResult(restoreId, status, source == null ? request.source().toString() : source.description(),
                    source == null ? "unknown" : source.format(), request.targetTable(), tableCreated, expected,
                    itemsBefore + (lanes == null ? 0 : lanes.written()), parts.size(), finished,
                    readBack == null ? null : readBack.report(), settings, warnings, error, List.of(), verifySeconds, writeSeconds,
                    seconds(started));
        }
    }

    private static String refusal(Throwable t) {
        if (t instanceof CorruptBackupException || t instanceof MalformedItemException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + ErrorText.firstLine(t);
    }

    private TableDescription describe(String table) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }


    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
