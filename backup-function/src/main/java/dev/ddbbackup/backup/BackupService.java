package dev.ddbbackup.backup;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.backup.TableBackupResult.Status;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.BackupWriter;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.format.ManifestFileEntry;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.format.VerificationReport;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.scan.ParallelScanner;
import dev.ddbbackup.core.rate.CapacityLimiter;
import dev.ddbbackup.core.scan.ScanStoppedException;
import dev.ddbbackup.core.scan.SegmentSink;
import dev.ddbbackup.core.table.TableNotFoundException;
import dev.ddbbackup.core.table.TableSchemaReader;
import dev.ddbbackup.core.time.Deadline;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Backs up tables to S3 in format version 1 (seed 000, done right): schema captured into the manifest,
 * a parallel scan streamed through gzip and digests into S3 in the chosen line shape (native export lines
 * by default, or AWS Data Pipeline lines, seed 003), data files re-read and checked, and the manifest,
 * which names that shape, written last. One table failing does not stop the others.
 *
 * <p>Knows nothing of Lambda: the handler and the CLI both call {@link #run}.
 */
public final class BackupService {

    /** Written into every manifest's {@code tool} field. */
    public static final String TOOL = "dynamodb-backup/0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final Notifier notifier;
    private final MetricsPublisher metrics;
    private final BackupOptions options;
    private final Clock clock;

    public BackupService(DynamoDbClient dynamoDb, S3Client s3, Notifier notifier, MetricsPublisher metrics,
                         BackupOptions options, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.notifier = notifier;
        this.metrics = metrics;
        this.options = options;
        this.clock = clock;
    }

    /** Backs up every table of the request, then publishes metrics and notifies. Never throws for a table's failure. */
    public BackupRunResult run(BackupRequest request, Deadline deadline) {
        List<TableBackupResult> results = new ArrayList<>();
        String bucketProblem = checkBucket(request.bucket());
        for (String table : request.tables()) {
            if (bucketProblem != null) {
                results.add(TableBackupResult.failed(table, Status.FAILED, null, 0, 0, 0, bucketProblem));
            } else if (deadline.isNear()) {
                results.add(TableBackupResult.failed(table, Status.INCOMPLETE, null, 0, 0, 0,
                        "not started: run time ran out before this table"));
            } else {
                results.add(backupTable(request, table, deadline));
            }
        }
        List<String> reportingErrors = new ArrayList<>();
        BackupRunResult partial = new BackupRunResult(results, List.of());
        try {
            metrics.publish(metricsFor(results));
        } catch (SdkException e) {
            reportingErrors.add("metrics not published: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
        }
        try {
            if (partial.ok()) {
                notifier.success(new Notification("DynamoDB backup succeeded: " + results.size() + " table(s)", partial.summary()));
            } else {
                notifier.failure(new Notification("DynamoDB backup FAILED: " + failedCount(results) + " of "
                        + results.size() + " table(s)", partial.summary()));
            }
        } catch (SdkException e) {
            reportingErrors.add("notification not sent: " + e.getClass().getSimpleName() + ": " + ErrorText.firstLine(e));
        }
        return new BackupRunResult(results, reportingErrors);
    }

    private String checkBucket(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return null;
        } catch (NoSuchBucketException e) {
            return "bucket '" + bucket + "' does not exist; create it or fix BACKUP_BUCKET/--bucket";
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return "bucket '" + bucket + "' does not exist; create it or fix BACKUP_BUCKET/--bucket";
            }
            if (e.statusCode() == 403) {
                return "bucket '" + bucket + "' is not accessible (403); grant s3:ListBucket and s3:PutObject on it";
            }
            return "bucket '" + bucket + "' check failed: " + ErrorText.firstLine(e);
        }
    }

    private TableBackupResult backupTable(BackupRequest request, String table, Deadline deadline) {
        Instant started = clock.instant();
        TableDescriptor descriptor;
        try {
            descriptor = new TableSchemaReader(dynamoDb).describe(table);
        } catch (TableNotFoundException e) {
            return TableBackupResult.failed(table, Status.FAILED, null, 0, 0, seconds(started), e.getMessage());
        } catch (SdkException e) {
            return TableBackupResult.failed(table, Status.FAILED, null, 0, 0, seconds(started),
                    "describing the table failed: " + ErrorText.firstLine(e));
        }
        int segments = request.segments() != null ? request.segments()
                : ParallelScanner.defaultSegments(descriptor.sizeBytesEstimate() == null ? 0 : descriptor.sizeBytesEstimate());
        BackupId id = BackupId.forStart(started);
        BackupWriter writer = new BackupWriter(s3, request.bucket(), request.layout(), table, id, options.s3(),
                options.maxDataFileBytes(), options.gzipLevel(), options.outputFormat());
        ParallelScanner scanner = new ParallelScanner(dynamoDb, options.concurrency(), limiterFor(descriptor).orElse(null));
        AtomicLong scannedSoFar = new AtomicLong();
        try {
            long scanned = scanner.scan(table, segments, segment -> sink(writer.segment(segment), scannedSoFar), deadline).items();
            String manifestFilesSha256 = writer.writeManifestFiles();
            List<ManifestFileEntry> files = writer.finishedFiles();
            long written = files.stream().mapToLong(ManifestFileEntry::itemCount).sum();
            if (written != scanned) {
                throw new IllegalStateException("scanned " + scanned + " items but data files hold " + written);
            }
            BackupRef ref = new BackupRef(request.bucket(), request.layout(), table, id);
            stopIfDeadlineNear(deadline, table);
            if (options.verifyAfterWrite()) {
                VerificationReport report = new BackupVerifier(new BackupCatalog(s3, request.bucket(), request.layout()),
                        options.concurrency()).verifyFiles(ref, options.outputFormat(), written, files, false);
                if (!report.ok()) {
                    throw new IllegalStateException("verification after write failed: " + String.join("; ", report.allProblems()));
                }
            }
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id.value(), TOOL, options.outputFormat().manifestName(), started,
                    clock.instant(), written, writer.uncompressedBytes(),
                    files.stream().mapToLong(ManifestFileEntry::bytes).sum(), segments, files.size(), manifestFilesSha256,
                    descriptor);
            stopIfDeadlineNear(deadline, table);
            writer.commit(manifest);
            return new TableBackupResult(table, Status.SUCCEEDED, id.value(), ref.toString(), written,
                    manifest.compressedBytes(), manifest.uncompressedBytes(), files.size(), segments, seconds(started), null);
        } catch (ScanStoppedException e) {
            return abandon(writer, table, Status.INCOMPLETE, id, scannedSoFar.get(), segments, started,
                    "stopped before the end to stay within the run time; no manifest written");
        } catch (RuntimeException e) {
            return abandon(writer, table, Status.FAILED, id, scannedSoFar.get(), segments, started, ErrorText.firstLine(rootCause(e)));
        }
    }

    private TableBackupResult abandon(BackupWriter writer, String table, Status status, BackupId id, long scanned, int segments,
                                      Instant started, String reason) {
        List<String> leftover = writer.abort();
        String msg = leftover.isEmpty() ? reason
                : reason + "; could not delete " + leftover.size() + " partial object(s) (no manifest, so never read as a backup)";
        return TableBackupResult.failed(table, status, id.value(), scanned, segments, seconds(started), msg);
    }

    private Optional<CapacityLimiter> limiterFor(TableDescriptor t) {
        if (options.readCapacityUnits() != null) {
            return Optional.of(new CapacityLimiter(options.readCapacityUnits()));
        }
        if (options.readCapacityFraction() != null) {
            if (t.provisionedThroughput() != null && t.provisionedThroughput().readCapacityUnits() > 0) {
                return Optional.of(new CapacityLimiter(
                        options.readCapacityFraction() * t.provisionedThroughput().readCapacityUnits()));
            }
            LOG.warn("table {} is on-demand: a read-capacity fraction has nothing to apply to; set an absolute RCU cap instead",
                    t.name());
        }
        return Optional.empty();
    }

    private static void stopIfDeadlineNear(Deadline deadline, String table) {
        if (deadline.isNear()) {
            throw new ScanStoppedException("backup of " + table + " stopped after the scan: less than "
                    + deadline.marginMillis() + " ms of run time left");
        }
    }

    private static SegmentSink sink(BackupWriter.SegmentWriter w, AtomicLong scanned) {
        return new SegmentSink() {
            @Override
            public void accept(List<Map<String, AttributeValue>> page) throws IOException {
                for (Map<String, AttributeValue> item : page) {
                    w.write(item);
                }
                scanned.addAndGet(page.size());
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    private static List<Metric> metricsFor(List<TableBackupResult> results) {
        List<Metric> out = new ArrayList<>();
        long ok = results.stream().filter(TableBackupResult::succeeded).count();
        out.add(Metric.of("BackupSuccessRate", results.isEmpty() ? 0 : 100.0 * ok / results.size(), "Percent"));
        out.add(Metric.of("TotalItemsBackedUp",
                results.stream().filter(TableBackupResult::succeeded).mapToLong(TableBackupResult::items).sum(), "Count"));
        out.add(Metric.of("TablesProcessed", results.size(), "Count"));
        out.add(Metric.of("TablesFailed", results.size() - ok, "Count"));
        for (TableBackupResult r : results) {
            out.add(Metric.of("BackupSucceeded", r.succeeded() ? 1 : 0, "Count", "TableName", r.table()));
            out.add(Metric.of("BackupDurationSeconds", r.seconds(), "Seconds", "TableName", r.table()));
            if (r.succeeded()) {
                out.add(Metric.of("BackupItemCount", r.items(), "Count", "TableName", r.table()));
                out.add(Metric.of("BackupBytes", r.compressedBytes(), "Bytes", "TableName", r.table()));
            }
        }
        return out;
    }

    private static long failedCount(List<TableBackupResult> results) {
        return results.stream().filter(r -> !r.succeeded()).count();
    }

    private double seconds(Instant started) {
        return Duration.between(started, clock.instant()).toMillis() / 1000.0;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException || t instanceof ParallelScanner.ScanFailedException)) {
            t = t.getCause();
        }
        return t;
    }
}
