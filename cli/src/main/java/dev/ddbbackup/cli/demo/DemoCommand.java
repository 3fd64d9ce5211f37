package dev.ddbbackup.cli.demo;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.VerificationReport;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.ReadBackReport;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreResult;
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
 * with a GSI and every attribute type, backs it up, verifies every item line, deletes the table,
 * restores it from the backup (every item read back and compared), and reports the restore's
 * throughput and total time (the RTO).
 *
 * <p>The whole table is dropped rather than some items deleted: a lost table is the case an RTO is
 * planned for, and the restore then also has to recreate the table (keys, GSI) from the backup. A
 * partial delete would not be faster to repair: the restore cannot know which items are missing, so it
 * writes and reads back every item either way.
 */
@Command(mixinStandardHelpOptions = true, name = "demo",
        description = "Back up a generated table on embedded emulators, verify it, drop the table and restore it (no AWS account needed).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--items", defaultValue = "100000", description = "Items to generate (default: ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--segments", defaultValue = "8", description = "Scan segments, backup workers and restore write lanes (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--json", description = "Print a machine-readable report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (items < 1 || items > 10_000_000) {
            throw new dev.ddbbackup.core.config.ConfigException("--items", "must be between 1 and 10000000, got " + items);
        }
        BackupOptions options = BackupOptions.DEFAULT.withConcurrency(segments); // bad values fail before anything starts
        RestoreOptions restoreOptions = RestoreOptions.DEFAULT.withWriteConcurrency(segments);
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

            DemoEnvironment.MeasuredRestore restored = null;
            String indexes = "";
            if (report.ok()) {
                progress.printf("deleting table %s (a lost table: the restore must recreate it) ...%n", DemoItems.TABLE);
                ddb.deleteTable(d -> d.tableName(DemoItems.TABLE));
                ddb.waiter().waitUntilTableNotExists(b -> b.tableName(DemoItems.TABLE));
                progress.println("restoring it from the backup: verify, create the table, write, read every item back ...");
                progress.flush();
                restored = env.restoreDemoBackup(t.backupId(), DemoItems.TABLE, restoreOptions, BatchItemWriter.MAX_BATCH);
                if (restored.result().tableCreated()) {
                    indexes = String.join(", ", ddb.describeTable(d -> d.tableName(DemoItems.TABLE)).table().globalSecondaryIndexes()
                            .stream().map(g -> g.indexName()).toList());
                }
            }

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
            if (restored != null) {
                putRestore(r, restored, indexes);
            }
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
                if (restored != null) {
                    printRestore(out, restored, indexes);
                } else {
                    out.println("  restore          not run: the backup did not verify");
                }
            }
            return report.ok() && restored != null && restored.result().ok() ? 0 : 1;
        }
    }

    private void putRestore(Map<String, Object> r, DemoEnvironment.MeasuredRestore restored, String indexes) {
        RestoreResult x = restored.result();
        ReadBackReport rb = x.readBack();
        r.put("tableDeletedAndRestored", true);
        r.put("restoreId", x.restoreId());
        r.put("restoreStatus", x.status().name());
        r.put("restoreTableCreated", x.tableCreated());
        r.put("restoreIndexes", indexes);
        r.put("restoreWriteLanes", segments);
        r.put("restoreItemsWritten", x.itemsWritten());
        r.put("restoreVerifySeconds", round(x.verifySeconds()));
        r.put("restoreWriteSeconds", round(x.writeSeconds()));
        r.put("restoreWriteItemsPerSecond", Math.round(x.writeItemsPerSecond()));
        r.put("readBackExpected", rb == null ? 0 : rb.expected());
        r.put("readBackEqual", rb == null ? 0 : rb.found());
        r.put("readBackDifferent", rb == null ? 0 : rb.different());
        r.put("readBackMissing", rb == null ? 0 : rb.missing());
        r.put("restoreSeconds", round(x.seconds()));
        r.put("restoreItemsPerSecond", Math.round(x.itemsWritten() / Math.max(x.seconds(), 1e-3)));
        r.put("restorePeakHeapMB", round(restored.peakHeapBytes() / 1048576.0));
        r.put("restorePeakLiveHeapMB", round(restored.peakLiveHeapBytes() / 1048576.0));
        r.put("restoreError", x.error());
    }

    private void printRestore(PrintWriter out, DemoEnvironment.MeasuredRestore restored, String indexes) {
        RestoreResult x = restored.result();
        ReadBackReport rb = x.readBack();
        out.printf(Locale.ROOT, "  table deleted    %s dropped after the backup, then restored from it%n", DemoItems.TABLE);
        out.printf(Locale.ROOT, "  restore          %s: %s%s%n", x.status(), x.tableCreated() ? "table recreated from the backup's schema" : "table not created",
                indexes.isEmpty() ? "" : " (GSI " + indexes + ")");
        out.printf(Locale.ROOT, "  restore verify   %s%n", x.verifySeconds() > 0
                ? String.format(Locale.ROOT, "every data file and item checked before the first write in %.1f s", x.verifySeconds())
                : "not completed");
        out.printf(Locale.ROOT, "  restore write    %,d of %,d items written%s in %.1f s (%,d items/s, %d lanes)%n", x.itemsWritten(),
                x.itemsExpected(), rb != null ? " and read back" : "", x.writeSeconds(), Math.round(x.writeItemsPerSecond()), segments);
        if (rb != null) {
            out.printf(Locale.ROOT, "  read-back        %,d items read back as written: %,d equal, %,d different, %,d missing%n",
                    rb.expected(), rb.found(), rb.different(), rb.missing());
        } else {
            out.println("  read-back        not run");
        }
        out.printf(Locale.ROOT, "  restore time     %.1f s in all (RTO: manifests, verify, table creation, write and read-back; %,d items/s)%n",
                x.seconds(), Math.round(x.itemsWritten() / Math.max(x.seconds(), 1e-3)));
        out.printf(Locale.ROOT, "  restore heap     %.0f MB used, %.0f MB live after GC%n", restored.peakHeapBytes() / 1048576.0,
                restored.peakLiveHeapBytes() / 1048576.0);
        if (x.error() != null) {
            out.printf(Locale.ROOT, "  restore error    %s%n", x.error());
        }
    }

    static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
