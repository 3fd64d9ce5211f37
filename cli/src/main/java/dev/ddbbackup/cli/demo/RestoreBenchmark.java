package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.ReadBackReport;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreResult;
import dev.ddbbackup.recovery.TableCreator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ddb-backup benchmark --restore}: backs the demo table up (not measured), then measures the raw
 * write ceiling (the backup's items, pre-read into the memory of a JVM of its own, {@link CeilingWriter},
 * and written with plain parallel BatchWriteItem into a fresh table with the restore's concurrency and
 * batch size) and our restore of the same backup into another fresh table, with its peak heap. See
 * docs/benchmarks.md.
 */
final class RestoreBenchmark {

    static final String CEILING_TABLE = "CeilingTarget";
    static final String RESTORE_TABLE = "RestoreTarget";
    /**
     * Heap one pre-read demo item takes as SDK objects in a PutRequest; measured at 200,000 items
     * (docs/benchmarks.md) and rounded up. Sizes the ceiling JVM's heap.
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
    static RestoreOptions options(int concurrency, int batchSize, long items, boolean ceiling, int rounds, boolean synthetic) {
        if (rounds < 1 || rounds > 9) {
            throw new ConfigException("--rounds", "must be between 1 and 9, got " + rounds);
        }
        if (synthetic && rounds != 1) {
            throw new ConfigException("--rounds", "the synthetic endpoint cannot delete its target table, so --synthetic runs one round; "
                    + "leave out --rounds or give --rounds 1");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException("--concurrency", "must be between 1 and 64, got " + concurrency);
        }
        if (batchSize < 1 || batchSize > BatchItemWriter.MAX_BATCH) {
            throw new ConfigException("--batch-size", "must be between 1 and " + BatchItemWriter.MAX_BATCH + ", got " + batchSize);
        }
        long physicalMB = CeilingWriter.physicalMemoryMB();
        if (ceiling && physicalMB > 0 && ceilingHeapMB(items) > physicalMB / 2) {
            throw new ConfigException("--skip-ceiling", String.format(Locale.ROOT,
                    "the restore ceiling holds all %d items in memory and would need a %d MB heap, more than half of this "
                            + "machine's %d MB; add --skip-ceiling, or give fewer --items", items, ceilingHeapMB(items), physicalMB));
        }
        return RestoreOptions.DEFAULT.withWriteConcurrency(concurrency);
    }

    /** The ceiling JVM's heap: its items at {@link #CEILING_BYTES_PER_ITEM} filling at most 70% of it, plus room to run. */
    static long ceilingHeapMB(long items) {
        return items * CEILING_BYTES_PER_ITEM * 10 / 7 / 1048576 + 256;
    }

    /**
     * Runs the benchmark, adding its figures to {@code r}; true when every restore succeeded and read
     * every item back equal.
     *
     * <p>With several rounds, odd rounds measure the ceiling first and even rounds the restore first,
     * so neither always inherits the emulator state the other leaves (garbage of a deleted table, a
     * grown heap). Each round's ratio compares two runs made next to each other; the median of the
     * rounds' ratios is the figure the target is about.
     */
    boolean run(BackupOptions backupOptions, int segments, RestoreOptions restoreOptions, boolean ceiling, int rounds,
            Map<String, Object> r) throws Exception {
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
        r.put("rounds", rounds);
        r.put("readBack", restoreOptions.readBack());
        if (!synthetic) {
            // The measured runs then write into a DynamoDB Local that holds nothing else.
            deleteTable(ddb, DemoItems.TABLE);
        }
        BackupCatalog catalog = new BackupCatalog(env.clients().s3(), DemoEnvironment.BUCKET, new BackupLayout(BackupLayout.DEFAULT_PREFIX));
        Manifest manifest = catalog.readManifest(catalog.get(DemoItems.TABLE, new BackupId(backup.backupId())));
        // The ceiling runs in a JVM of its own that reads the items once and holds them for every round:
        // in this JVM they would burden the restore's garbage collector, and read again per round the ceiling's.
        CeilingWriter.Child ceilingJvm = null;
        if (ceiling) {
            progress.println("raw ceiling: a JVM of its own reads the backup's items into memory (not timed) ...");
            progress.flush();
            ceilingJvm = CeilingWriter.Child.start(env.dynamoDbEndpoint(), env.s3Endpoint(), backup.backupId(), concurrency, batchSize,
                    ceilingHeapMB(backup.items()));
            r.put("ceilingHeapBytesPerItem", ceilingJvm.heapBytesPerItem);
        }
        try (AutoCloseable closeCeiling = ceilingJvm) {
            return rounds(ddb, manifest, ceilingJvm, backup.backupId(), restoreOptions, rounds, r);
        }
    }

    private boolean rounds(DynamoDbClient ddb, Manifest manifest, CeilingWriter.Child ceilingJvm, String backupId,
            RestoreOptions restoreOptions, int rounds, Map<String, Object> r) throws Exception {
        boolean ceiling = ceilingJvm != null;
        Rounds f = new Rounds();
        boolean ok = true;
        for (int round = 1; round <= rounds && ok; round++) {
            boolean ceilingFirst = round % 2 == 1;
            double ceilingRate = 0;
            if (ceiling && ceilingFirst) {
                ceilingRate = ceiling(ddb, manifest, ceilingJvm, round, rounds, f);
            }
            RestoreResult x = restore(backupId, restoreOptions, round, rounds, f);
            ok = x.ok();
            if (ceiling && !ceilingFirst) {
                ceilingRate = ceiling(ddb, manifest, ceilingJvm, round, rounds, f);
            }
            if (ceiling) {
                double whole = round2(wholeItemsPerSecond(x) / ceilingRate);
                double write = round2(x.writeItemsPerSecond() / ceilingRate);
                f.perRound("writeRatio", write);
                f.perRound("wholeRatio", whole);
                f.addBounds();
                progress.printf(Locale.ROOT, "round %d of %d: whole ratio %.2f, write ratio %.2f%n", round, rounds, whole, write);
                progress.flush();
            }
            if (x.error() != null) {
                r.put("restoreError", x.error());
            }
        }
        f.into(r);
        return ok;
    }

    /** The figures of every round: each figure's values in round order. */
    static final class Rounds {
        final Map<String, List<Object>> figures = new LinkedHashMap<>();
        /** Ratios and bounds, each reported per round ({@code <name>s}) and as their median ({@code <name>}). */
        final Map<String, List<Double>> perRound = new LinkedHashMap<>();
        CpuMeter.Reading ceilingCpu;
        CpuMeter.Reading restoreCpu;
        double peakHeapMB;
        double peakLiveHeapMB;

        void add(String figure, Object value) {
            figures.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
        }

        void perRound(String name, double value) {
            perRound.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        /**
         * Adds a run's CPU seconds (our JVM, the DynamoDB process, DynamoDB Local's SQLite thread) and
         * how busy they kept the machine's cores; figures this platform cannot read are left out.
         */
        CpuMeter.Reading addCpu(String run, CpuMeter.Reading cpu, double seconds) {
            add(run + "CpuSecondsOurs", DemoCommand.round(cpu.ours()));
            if (!Double.isNaN(cpu.dynamoDb())) {
                add(run + "CpuSecondsDynamoDb", DemoCommand.round(cpu.dynamoDb()));
                add(run + "BusyPercent", Math.round(100 * cpu.total() / (seconds * Runtime.getRuntime().availableProcessors())));
            }
            if (!Double.isNaN(cpu.sqliteThread())) {
                add(run + "CpuSecondsSqliteThread", DemoCommand.round(cpu.sqliteThread()));
            }
            return cpu;
        }

        /**
         * Adds what the round's CPU figures allow at best, at the ceiling's use of the machine: the whole
         * ratio if our JVM used no CPU at all (the ceiling's CPU in both processes over DynamoDB's CPU in the
         * restore), and if our JVM used only as much as the ceiling's, which just sends pre-built requests
         * and reads nothing back; and the ratio if DynamoDB Local's single SQLite thread bounded both runs.
         */
        void addBounds() {
            if (!Double.isNaN(restoreCpu.dynamoDb())) {
                perRound("zeroClientCpuBound", round2(ceilingCpu.total() / restoreCpu.dynamoDb()));
                perRound("ceilingClientCpuBound", round2(ceilingCpu.total() / (ceilingCpu.ours() + restoreCpu.dynamoDb())));
            }
            if (!Double.isNaN(restoreCpu.sqliteThread())) {
                perRound("sqliteThreadBound", round2(ceilingCpu.sqliteThread() / restoreCpu.sqliteThread()));
            }
        }

        void into(Map<String, Object> r) {
            r.putAll(figures);
            r.put("restorePeakHeapMB", DemoCommand.round(peakHeapMB));
            r.put("restorePeakLiveHeapMB", DemoCommand.round(peakLiveHeapMB));
            perRound.forEach((name, values) -> {
                r.put(name + "s", values);
                r.put(name, median(values));
            });
        }
    }

    /** The median; of an even count, the mean of the middle two. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return round2(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Items per second of the whole restore: verify, table creation, writes, read-back and settings. */
    private static double wholeItemsPerSecond(RestoreResult x) {
        return x.itemsWritten() / Math.max(x.seconds(), 1e-3);
    }

    /** Our restore into a fresh table, which is deleted afterwards so the next run finds an empty emulator. */
    private RestoreResult restore(String backupId, RestoreOptions restoreOptions, int round, int rounds, Rounds f) {
        progress.printf("round %d of %d, our restore: verify, create table, write%s ...%n", round, rounds,
                restoreOptions.readBack() ? ", read every item back" : " (no read-back)");
        progress.flush();
        DemoEnvironment.MeasuredRestore measured = env.restoreDemoBackup(backupId, RESTORE_TABLE, restoreOptions, batchSize);
        RestoreResult x = measured.result();
        ReadBackReport rb = x.readBack();
        f.add("restoreStatus", x.status().name());
        f.add("restoreItemsWritten", x.itemsWritten());
        f.add("restoreVerifySeconds", DemoCommand.round(x.verifySeconds()));
        f.add("restoreWriteSeconds", DemoCommand.round(x.writeSeconds()));
        f.add("restoreWriteItemsPerSecond", Math.round(x.writeItemsPerSecond()));
        f.add("readBackEqual", rb == null ? 0 : rb.found());
        f.add("readBackDifferentOrMissing", rb == null ? 0 : rb.different() + rb.missing());
        f.add("restoreSeconds", DemoCommand.round(x.seconds()));
        f.add("restoreItemsPerSecond", Math.round(wholeItemsPerSecond(x)));
        f.restoreCpu = f.addCpu("restore", measured.cpu(), x.seconds());
        f.peakHeapMB = Math.max(f.peakHeapMB, measured.peakHeapBytes() / 1048576.0);
        // Above what the heap held when the restore started: the restore's own working set.
        f.peakLiveHeapMB = Math.max(f.peakLiveHeapMB, (measured.peakLiveHeapBytes() - measured.startLiveHeapBytes()) / 1048576.0);
        if (!synthetic && env.clients().dynamoDb().listTables().tableNames().contains(RESTORE_TABLE)) {
            deleteTable(env.clients().dynamoDb(), RESTORE_TABLE);
        }
        return x;
    }

    /** The raw write ceiling (in its own JVM) into a fresh table, deleted afterwards: returns items per second. */
    private double ceiling(DynamoDbClient ddb, Manifest manifest, CeilingWriter.Child ceilingJvm, int round, int rounds, Rounds f)
            throws Exception {
        new TableCreator(ddb).create(CEILING_TABLE, manifest.table(), false, Deadline.none());
        progress.printf("round %d of %d, raw ceiling: %,d items, parallel BatchWriteItem, %d threads, %d items a call ...%n",
                round, rounds, ceilingJvm.items, concurrency, batchSize);
        progress.flush();
        CpuMeter.Reading before = env.cpu().now();
        double[] run = ceilingJvm.run(CEILING_TABLE);
        CpuMeter.Reading emulator = env.cpu().now().minus(before);
        double seconds = run[0];
        double rate = ceilingJvm.items / seconds;
        f.add("ceilingSeconds", DemoCommand.round(seconds));
        f.ceilingCpu = f.addCpu("ceiling", new CpuMeter.Reading(run[1], emulator.dynamoDb(), emulator.sqliteThread()), seconds);
        f.add("ceilingItemsPerSecond", Math.round(rate));
        f.add("ceilingTableItemCount", ddb.describeTable(d -> d.tableName(CEILING_TABLE)).table().itemCount());
        deleteTable(ddb, CEILING_TABLE);
        return rate;
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
