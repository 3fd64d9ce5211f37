package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.cli.Output;
import dev.ddbbackup.core.scan.ParallelScanner;
import dev.ddbbackup.core.scan.SegmentSink;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.RestoreOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddb-backup benchmark}: against DynamoDB Local (child JVM) and S3Mock, measures the raw ceiling
 * (a parallel Scan that discards items) and our backup of the same table with the same segments, and
 * the backup's peak heap; with {@code --restore}, the raw write ceiling and our restore instead
 * ({@link RestoreBenchmark}). See docs/benchmarks.md.
 */
@Command(mixinStandardHelpOptions = true, name = "benchmark",
        description = "Measure backup (or, with --restore, restore) throughput against a raw ceiling, and peak heap (docs/benchmarks.md).")
public final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--items", defaultValue = "200000", description = "Items of ~1 KB (default: ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--segments", defaultValue = "8", description = "Scan segments and workers (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--skip-ceiling", description = "Only run the backup (for memory runs).")
    boolean skipCeiling;

    @Option(names = "--synthetic", description = "Scan a synthetic DynamoDB endpoint instead of DynamoDB Local (memory runs at 1M items).")
    boolean synthetic;

    @Option(names = "--no-verify", description = "Back up without verify-after-write.")
    boolean noVerify;

    @Option(names = "--gzip-level", defaultValue = "6", description = "gzip level 1-9 (default: ${DEFAULT-VALUE}).")
    int gzipLevel;

    @Option(names = "--restore", description = "Measure a restore of a backup of the items against plain parallel BatchWriteItem of them.")
    boolean restore;

    @Option(names = "--concurrency", defaultValue = "8",
            description = "With --restore: write lanes of the restore and threads of the ceiling (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--batch-size", defaultValue = "25", description = "With --restore: items per BatchWriteItem call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--rounds", description = "With --restore: measured rounds of ceiling and restore, in alternating order; "
            + "the ratio reported is the median of the rounds' ratios (default: 3, or 1 with --synthetic or --skip-ceiling).")
    Integer rounds;

    @Option(names = "--no-read-back", description = "With --restore: restore without reading every item back "
            + "(as ./ddb-backup restore --no-read-back), to see what the read-back costs.")
    boolean noReadBack;

    @Option(names = "--json", description = "Print a machine-readable report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BackupOptions options = BackupOptions.DEFAULT.withConcurrency(segments).withVerifyAfterWrite(!noVerify)
                .withGzipLevel(gzipLevel); // bad values fail before anything starts
        int restoreRounds = rounds != null ? rounds : synthetic || skipCeiling ? 1 : 3;
        RestoreOptions restoreOptions = restore
                ? RestoreBenchmark.options(concurrency, batchSize, items, !skipCeiling, restoreRounds, synthetic)
                : null;
        if (restoreOptions != null && noReadBack) {
            restoreOptions = restoreOptions.withReadBack(false);
        }
        PrintWriter progress = spec.commandLine().getErr();
        try (DemoEnvironment env = synthetic ? DemoEnvironment.startSynthetic(items, 64) : DemoEnvironment.start("4g", 64)) {
            var ddb = env.clients().dynamoDb();
            if (!synthetic) {
                DemoEnvironment.createTable(ddb, DemoItems.TABLE, false);
                progress.printf("loading %,d items ...%n", items);
                progress.flush();
                DemoEnvironment.load(ddb, DemoItems.TABLE, items, 8, progress);
            }

            Map<String, Object> r = new LinkedHashMap<>();
            r.put("items", items);
            r.put(restore ? "dynamoDb" : "source", synthetic ? "synthetic endpoint" : "DynamoDB Local");
            r.put("segments", segments);
            r.put("maxHeapMB", Math.round(HeapSampler.maxHeapBytes() / 1048576.0));
            if (restore) {
                boolean ok = new RestoreBenchmark(env, synthetic, concurrency, batchSize, progress)
                        .run(options, segments, restoreOptions, !skipCeiling, restoreRounds, r);
                print(r);
                return ok ? 0 : 1;
            }
            double ceiling = 0;
            if (!skipCeiling) {
                progress.println("raw ceiling: parallel scan, items discarded ...");
                progress.flush();
                long start = System.nanoTime();
                long scanned = new ParallelScanner(ddb, segments, null)
                        .scan(DemoItems.TABLE, segments, s -> discard(), Deadline.none()).items();
                double secs = (System.nanoTime() - start) / 1e9;
                ceiling = scanned / secs;
                r.put("rawScanSeconds", DemoCommand.round(secs));
                r.put("rawScanItemsPerSecond", Math.round(ceiling));
            }
            progress.println("backup to S3Mock ...");
            progress.flush();
            DemoEnvironment.MeasuredBackup measured = env.backUpDemoTable(options, segments);
            TableBackupResult t = measured.result();
            long peak = measured.peakHeapBytes();
            long peakLive = measured.peakLiveHeapBytes();
            if (!t.succeeded()) {
                spec.commandLine().getErr().println("error: benchmark backup " + t.status() + ": " + t.error());
                return 1;
            }
            double ours = t.items() / t.seconds();
            r.put("verifyAfterWrite", !noVerify);
            r.put("gzipLevel", gzipLevel);
            r.put("backupSeconds", DemoCommand.round(t.seconds()));
            r.put("backupItemsPerSecond", Math.round(ours));
            r.put("compressedMB", DemoCommand.round(t.compressedBytes() / 1e6));
            r.put("peakHeapMB", DemoCommand.round(peak / 1048576.0));
            r.put("peakLiveHeapMB", DemoCommand.round(peakLive / 1048576.0));
            if (!skipCeiling) {
                r.put("ratio", Math.round(ours / ceiling * 100) / 100.0);
            }
            print(r);
            return 0;
        }
    }

    private void print(Map<String, Object> r) {
        if (json) {
            Output.json(spec.commandLine().getOut(), r);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            String row = "%-" + r.keySet().stream().mapToInt(String::length).max().orElse(1) + "s %s%n";
            r.forEach((k, v) -> out.printf(Locale.ROOT, row, k, v));
            out.flush();
        }
    }

    private static SegmentSink discard() {
        return new SegmentSink() {
            @Override
            public void accept(List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> page) {
                // the ceiling: scanning and unmarshalling only
            }

            @Override
            public void close() {}
        };
    }
}
