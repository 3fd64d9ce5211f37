package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.format.ManifestFileEntry;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.ReadBackReport;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreResult;
import dev.ddbbackup.recovery.TableCreator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code ddb-backup benchmark --restore}: backs the demo table up (not measured), then measures the raw
 * write ceiling (the backup's items, pre-read into memory, written with plain parallel BatchWriteItem
 * into a fresh table with the restore's concurrency and batch size) and our restore of the same backup
 * into another fresh table, with its peak heap. See docs/benchmarks.md.
 */
final class RestoreBenchmark {

    static final String CEILING_TABLE = "CeilingTarget";
    static final String RESTORE_TABLE = "RestoreTarget";
    /**
     * Heap one pre-read demo item takes as SDK objects in a PutRequest; measured at 200,000 items
     * (docs/benchmarks.md) and rounded up. Only used to refuse a ceiling that cannot fit.
     */
    static final long CEILING_BYTES_PER_ITEM = 8 * 1024;

    private final DemoEnvironment env;
    private final boolean synthetic;
    private final int concurrency;
    private final int batchSize;
    private final PrintWriter progress;

    RestoreBenchmark(DemoEnvironment env, boolean synthetic, int concurrency, int batchSize, PrintWriter progress) {
        this.env = env;
        this.synthetic = synthetic;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** Refuses settings that cannot run, before anything starts. */
    static RestoreOptions options(int concurrency, int batchSize, long items, boolean ceiling) {
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException("--concurrency", "must be between 1 and 64, got " + concurrency);
        }
        if (batchSize < 1 || batchSize > BatchItemWriter.MAX_BATCH) {
            throw new ConfigException("--batch-size", "must be between 1 and " + BatchItemWriter.MAX_BATCH + ", got " + batchSize);
        }
        long need = items * CEILING_BYTES_PER_ITEM;
        if (ceiling && need > HeapSampler.maxHeapBytes() * 7 / 10) {
            throw new ConfigException("--skip-ceiling", String.format(java.util.Locale.ROOT,
                    "the restore ceiling holds all %d items in memory (about %d MB) but the heap is %d MB; "
                            + "add --skip-ceiling, or raise -Xmx through JAVA_OPTS", items, need >> 20, HeapSampler.maxHeapBytes() >> 20));
        }
        return RestoreOptions.DEFAULT.withWriteConcurrency(concurrency);
    }

    /** Runs the benchmark, adding its figures to {@code r}; true when the restore succeeded. */
    boolean run(BackupOptions backupOptions, int segments, RestoreOptions restoreOptions, boolean ceiling, Map<String, Object> r)
            throws Exception {
        DynamoDbClient ddb = env.clients().dynamoDb();
        progress.println("backup to S3Mock (the restore's source; not the measured part) ...");
        progress.flush();
        TableBackupResult backup = env.backUpDemoTable(backupOptions, segments).result();
        if (!backup.succeeded()) {
            progress.println("error: benchmark backup " + backup.status() + ": " + backup.error());
            return false;
        }
        r.put("backupSeconds", DemoCommand.round(backup.seconds()));
        r.put("compressedMB", DemoCommand.round(backup.compressedBytes() / 1e6));
        r.put("dataFiles", backup.dataFiles());
        r.put("concurrency", concurrency);
        r.put("batchSize", batchSize);
        if (!synthetic) {
            // Both measured runs then write into a DynamoDB Local that holds nothing else.
            deleteTable(ddb, DemoItems.TABLE);
        }
        BackupCatalog catalog = new BackupCatalog(env.clients().s3(), DemoEnvironment.BUCKET, new BackupLayout(BackupLayout.DEFAULT_PREFIX));
        BackupRef ref = catalog.get(DemoItems.TABLE, new BackupId(backup.backupId()));
        Manifest manifest = catalog.readManifest(ref);

        double ceilingRate = 0;
        if (ceiling) {
            ceilingRate = ceiling(ddb, catalog, ref, manifest, r);
        }

        progress.println("our restore: verify, create table, write, read every item back ...");
        progress.flush();
        DemoEnvironment.MeasuredRestore measured = env.restoreDemoBackup(backup.backupId(), RESTORE_TABLE, restoreOptions, batchSize);
        RestoreResult x = measured.result();
        ReadBackReport rb = x.readBack();
        double whole = x.itemsWritten() / Math.max(x.seconds(), 1e-3);
        r.put("restoreStatus", x.status().name());
        r.put("restoreItemsWritten", x.itemsWritten());
        r.put("restoreVerifySeconds", DemoCommand.round(x.verifySeconds()));
        r.put("restoreWriteSeconds", DemoCommand.round(x.writeSeconds()));
        r.put("restoreWriteItemsPerSecond", Math.round(x.writeItemsPerSecond()));
        r.put("readBackEqual", rb == null ? 0 : rb.found());
        r.put("readBackDifferentOrMissing", rb == null ? 0 : rb.different() + rb.missing());
        r.put("restoreSeconds", DemoCommand.round(x.seconds()));
        r.put("restoreItemsPerSecond", Math.round(whole));
        r.put("restorePeakHeapMB", DemoCommand.round(measured.peakHeapBytes() / 1048576.0));
        r.put("restorePeakLiveHeapMB", DemoCommand.round(measured.peakLiveHeapBytes() / 1048576.0));
        if (ceiling) {
            r.put("writeRatio", Math.round(x.writeItemsPerSecond() / ceilingRate * 100) / 100.0);
            r.put("wholeRatio", Math.round(whole / ceilingRate * 100) / 100.0);
        }
        if (x.error() != null) {
            r.put("restoreError", x.error());
        }
        return x.ok();
    }

    /** The raw write ceiling: returns items per second. */
    private double ceiling(DynamoDbClient ddb, BackupCatalog catalog, BackupRef ref, Manifest manifest, Map<String, Object> r)
            throws Exception {
        progress.println("raw ceiling: reading the backup's items into memory (not timed) ...");
        progress.flush();
        System.gc();
        long heapBefore = usedHeap();
        List<List<WriteRequest>> batches = preRead(catalog, ref, manifest);
        System.gc();
        long items = batches.stream().mapToLong(List::size).sum();
        r.put("ceilingHeapBytesPerItem", (usedHeap() - heapBefore) / Math.max(1, items));
        new TableCreator(ddb).create(CEILING_TABLE, manifest.table(), false, Deadline.none());

        progress.printf("raw ceiling: %,d items, parallel BatchWriteItem, %d threads, %d items a call ...%n", items, concurrency, batchSize);
        progress.flush();
        BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, RestoreOptions.DEFAULT.maxAttempts());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                futures.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < batches.size(); k = next.getAndIncrement()) {
                        writer.write(CEILING_TABLE, batches.get(k));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = items / seconds;
        r.put("ceilingSeconds", DemoCommand.round(seconds));
        r.put("ceilingItemsPerSecond", Math.round(rate));
        r.put("ceilingTableItemCount", ddb.describeTable(d -> d.tableName(CEILING_TABLE)).table().itemCount());
        // The restore gets the same empty emulator the ceiling had.
        deleteTable(ddb, CEILING_TABLE);
        return rate;
    }

    /** Every item of the backup as ready-made BatchWriteItem requests, {@code batchSize} a batch. */
    private List<List<WriteRequest>> preRead(BackupCatalog catalog, BackupRef ref, Manifest manifest) throws IOException {
        List<List<WriteRequest>> batches = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>(batchSize);
        for (ManifestFileEntry entry : catalog.readManifestFiles(ref, manifest)) {
            try (ItemLineReader reader = catalog.openItems(ref, manifest, entry)) {
                Map<String, AttributeValue> item;
                while ((item = reader.next()) != null) {
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                    if (batch.size() == batchSize) {
                        batches.add(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static void deleteTable(DynamoDbClient ddb, String table) {
        ddb.deleteTable(d -> d.tableName(table));
        ddb.waiter().waitUntilTableNotExists(b -> b.tableName(table));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
