package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.VerificationReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddb-backup demo}: no AWS account needed. Starts DynamoDB Local and S3Mock, creates a table
 * with a GSI and every attribute type, backs it up, verifies every item line, and reports.
 */
@Command(mixinStandardHelpOptions = true, name = "demo", description = "Back up and verify a generated table on embedded emulators (no AWS account needed).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--items", defaultValue = "100000", description = "Items to generate (default: ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--segments", defaultValue = "8", description = "Scan segments (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--json", description = "Print a machine-readable report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (items < 1 || items > 10_000_000) {
            throw new dev.ddbbackup.core.config.ConfigException("--items", "must be between 1 and 10000000, got " + items);
        }
        BackupOptions options = BackupOptions.DEFAULT.withConcurrency(segments); // bad values fail before anything starts
        PrintWriter progress = spec.commandLine().getErr();
        progress.println("starting DynamoDB Local and S3Mock ...");
        progress.flush();
        try (DemoEnvironment env = DemoEnvironment.start("2g", 64)) {
            var ddb = env.clients().dynamoDb();
            var s3 = env.clients().s3();
            DemoEnvironment.createTable(ddb, DemoItems.TABLE);
            progress.printf("loading %,d items into %s ...%n", items, DemoItems.TABLE);
            long loadStart = System.nanoTime();
            DemoEnvironment.load(ddb, DemoItems.TABLE, items, 8, progress);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            progress.println("backing up ...");
            progress.flush();
            DemoEnvironment.MeasuredBackup measured = env.backUpDemoTable(options, segments);
            TableBackupResult t = measured.result();
            long peak = measured.peakHeapBytes();
            long peakLive = measured.peakLiveHeapBytes();
            BackupLayout layout = new BackupLayout(BackupLayout.DEFAULT_PREFIX);
            if (!t.succeeded()) {
                spec.commandLine().getErr().println("error: demo backup " + t.status() + ": " + t.error());
                return 1;
            }
            progress.println("verifying every data file and item line ...");
            progress.flush();
            long verifyStart = System.nanoTime();
            BackupCatalog catalog = new BackupCatalog(s3, DemoEnvironment.BUCKET, layout);
            VerificationReport report = new BackupVerifier(catalog, segments)
                    .verify(catalog.get(DemoItems.TABLE, new BackupId(t.backupId())), true);
            double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;

            Map<String, Object> r = new LinkedHashMap<>();
            r.put("table", DemoItems.TABLE);
            r.put("items", t.items());
            r.put("backupId", t.backupId());
            r.put("location", t.location());
            r.put("dataFiles", t.dataFiles());
            r.put("segments", t.segments());
            r.put("uncompressedMB", round(t.uncompressedBytes() / 1e6));
            r.put("compressedMB", round(t.compressedBytes() / 1e6));
            r.put("loadSeconds", round(loadSeconds));
            r.put("backupSeconds", round(t.seconds()));
            r.put("backupItemsPerSecond", Math.round(t.items() / Math.max(t.seconds(), 1e-3)));
            r.put("peakHeapMB", round(peak / 1048576.0));
            r.put("peakLiveHeapMB", round(peakLive / 1048576.0));
            r.put("maxHeapMB", round(HeapSampler.maxHeapBytes() / 1048576.0));
            r.put("verified", report.ok());
            r.put("verifySeconds", round(verifySeconds));
            r.put("verifyProblems", report.allProblems());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                dev.ddbbackup.cli.Output.json(out, r);
            } else {
                out.println();
                out.println("dynamodb-backup demo report");
                out.printf(Locale.ROOT, "  table            %s (GSI %s, every attribute type)%n", DemoItems.TABLE, DemoItems.GSI);
                out.printf(Locale.ROOT, "  items            %,d%n", t.items());
                out.printf(Locale.ROOT, "  backup           %s%n", t.location());
                out.printf(Locale.ROOT, "  data             %.1f MB JSON -> %.1f MB gzip in %d files (%d segments)%n",
                        t.uncompressedBytes() / 1e6, t.compressedBytes() / 1e6, t.dataFiles(), t.segments());
                out.printf(Locale.ROOT, "  backup time      %.1f s (%,d items/s)%n", t.seconds(), r.get("backupItemsPerSecond"));
                out.printf(Locale.ROOT, "  peak heap        %.0f MB used, %.0f MB live after GC, of %.0f MB max (this process;"
                        + " emulators run separately)%n", peak / 1048576.0, peakLive / 1048576.0, HeapSampler.maxHeapBytes() / 1048576.0);
                out.printf(Locale.ROOT, "  verify           %s: %,d items re-read and parsed in %.1f s%n",
                        report.ok() ? "OK" : "FAILED " + report.allProblems(), report.itemsFound(), verifySeconds);
            }
            return report.ok() ? 0 : 1;
        }
    }

    static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
