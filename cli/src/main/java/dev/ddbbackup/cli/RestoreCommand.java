package dev.ddbbackup.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.table.TableNames;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.core.write.BatchItemWriter;
import dev.ddbbackup.recovery.CheckpointStore;
import dev.ddbbackup.recovery.ReadBackReport;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreRequest;
import dev.ddbbackup.recovery.RestoreResult;
import dev.ddbbackup.recovery.RestoreService;
import dev.ddbbackup.recovery.SourceSpec;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddb-backup restore}: the recovery function's restore service from a terminal. Restores a
 * backup into a table (created from the backup's schema when missing), verifying every data file before
 * writing and reading every item back after; {@code --resume} continues a restore from its checkpoint.
 *
 * <p>What is restored is decided in {@link #sourceSpec()}: other source kinds plug in there.
 */
@Command(mixinStandardHelpOptions = true, name = "restore",
        description = "Restore a backup into a DynamoDB table (the recovery function's service): verify, write, read every item back.")
final class RestoreCommand implements Callable<Integer> {

    static final int MAX_CONCURRENCY = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    S3Options s3;

    @Option(names = "--table", description = "Table whose backup to restore (the backup's folder name); also the default target.")
    String table;

    @Option(names = "--backup-id", description = "Backup to restore (default: the latest complete one).")
    String backupId;

    @Option(names = "--target-table", description = "Table to restore into (default: --table). Created from the backup's schema when missing.")
    String targetTable;

    @Option(names = "--batch-size", description = "Items per BatchWriteItem call, 1-25 (default: 25).")
    Integer batchSize;

    @Option(names = "--mode", description = "When the target exists: overwrite (put every item, default) or fail_if_exists.")
    String mode;

    @Option(names = "--max-wcu", description = "Cap the writes at this many write capacity units per second (default: no cap).")
    Double maxWcu;

    @Option(names = "--concurrency", description = "Parallel write lanes, 1-64 (default: 8).")
    Integer concurrency;

    @Option(names = "--no-read-back", description = "Skip reading every item back and comparing it with what was written.")
    boolean noReadBack;

    @Option(names = "--resume", paramLabel = "RESTORE_ID",
            description = "Continue the restore with this id from its checkpoint in --bucket/--prefix; data files already written are skipped.")
    String resume;

    @Option(names = "--source", description = "What --key names: backup (default; this suite's format), legacy-json (seed 000 files), "
            + "datapipeline (an AWS Data Pipeline export file or folder) or native-export (DynamoDB export folders).")
    String source;

    @Option(names = "--key", description = "S3 key of the file or folder to restore (with --source); repeat for several native exports.")
    List<String> keys;

    @Option(names = "--pitr", description = "Restore --table to a point in time into the new --target-table (DynamoDB's own restore).")
    boolean pitr;

    @Option(names = "--at", paramLabel = "ISO-8601", description = "With --pitr: the time to restore to, like 2026-11-21T09:30:00Z.")
    String at;

    @Option(names = "--latest", description = "With --pitr: the latest restorable time.")
    boolean latest;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        if (pitr) {
            return pointInTime();
        }
        RestoreOptions options = options();
        RestoreResult result;
        if (resume != null) {
            String restoreId = resumeId();
            try (AwsClients clients = AwsClients.fromEnvironment(connections(options))) {
                result = service(clients, options).resume(s3.bucket(), restoreId, Deadline.none());
            }
        } else {
            RestoreRequest request = request();
            try (AwsClients clients = AwsClients.fromEnvironment(connections(options))) {
                result = service(clients, options).restore(request, Deadline.none());
            }
        }
        print(result);
        return result.ok() ? Main.OK : Main.FAILED;
    }

    /** How the restore runs; bad values fail here, before any client is built. */
    RestoreOptions options() {
        int lanes = concurrency == null ? RestoreOptions.DEFAULT.writeConcurrency() : concurrency;
        if (lanes < 1 || lanes > MAX_CONCURRENCY) {
            throw new ConfigException("--concurrency", "must be between 1 and " + MAX_CONCURRENCY + ", got " + lanes);
        }
        return RestoreOptions.DEFAULT.withWriteConcurrency(lanes).withReadBack(!noReadBack);
    }

    /** The data to restore, as the options name it. */
    SourceSpec sourceSpec() {
        String kind = source == null ? "backup" : source;
        if (!kind.equals("backup") || keys != null) {
            return keyedSource(kind);
        }
        if (table == null) {
            throw new ConfigException("--table", "is required: the table whose backup to restore (or use --resume RESTORE_ID)");
        }
        TableNames.require("--table", table);
        return new SourceSpec.Backup(s3.bucket(), s3.layout().prefix(), table, backupId);
    }

    private SourceSpec keyedSource(String kind) {
        List<String> given = keys == null ? List.of() : keys;
        // The CLI reads wherever its credentials allow, so only the key's shape is checked, not the prefix.
        given.forEach(k -> dev.ddbbackup.recovery.RecoveryEvent.requireRelativeKey("--key", k, s3.layout().rootFolder()));
        switch (kind) {
            case "native-export":
                return new SourceSpec.NativeExport(s3.bucket(), given);
            case "legacy-json":
                if (given.size() > 1) {
                    throw new ConfigException("--key", "names one legacy file");
                }
                if (given.isEmpty() && table == null) {
                    throw new ConfigException("--key", "is required, or --table to restore that table's latest seed 000 file");
                }
                return new SourceSpec.LegacyJson(s3.bucket(), given.isEmpty() ? null : given.get(0), table);
            case "datapipeline":
                if (given.size() != 1) {
                    throw new ConfigException("--key", "names the Data Pipeline export's data file or folder, once");
                }
                return new SourceSpec.DataPipeline(s3.bucket(), given.get(0));
            case "backup":
                if (given.size() != 1) {
                    throw new ConfigException("--key", "names one backup's folder or manifest.json");
                }
                return dev.ddbbackup.recovery.RecoveryEvent.sourceForKey(s3.bucket(), given.get(0), s3.layout());
            default:
                throw new ConfigException("--source", "must be backup, legacy-json, datapipeline or native-export, got '" + kind + "'");
        }
    }

    /** {@code --pitr}: DynamoDB restores the table to a point in time; settings it does not carry are re-applied. */
    private int pointInTime() {
        if (table == null || targetTable == null) {
            throw new ConfigException(table == null ? "--table" : "--target-table",
                    "is required with --pitr: restore --table into the new --target-table");
        }
        if ((at == null) == !latest) {
            throw new ConfigException("--at", "give either --at ISO-8601 or --latest with --pitr");
        }
        com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode().put("restoreType", "PITR")
                .put("source_table", table).put("target_table", targetTable);
        if (latest) {
            event.put("useLatestRestorableTime", true);
        } else {
            event.put("restoreDateTime", at);
        }
        var request = dev.ddbbackup.recovery.managed.PitrRestoreRequest.fromEvent(event, null, Clock.systemUTC());
        try (AwsClients clients = AwsClients.fromEnvironment(8)) {
            var result = new dev.ddbbackup.recovery.managed.PitrRestoreService(clients.dynamoDb(),
                    dev.ddbbackup.recovery.managed.PitrRestoreService.DEFAULT_POLL, Clock.systemUTC()).restore(request, Deadline.none());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, Map.of("ok", result.complete(), "result", result));
            } else {
                out.printf(Locale.ROOT, "PITR restore %s -> %s: %s in %d s%n%s%n", result.sourceTable(), result.targetTable(), result.status(),
                        result.seconds(), result.message());
                result.reapplied().forEach(r -> out.println("re-applied " + r));
                result.pending().forEach(r -> out.println("pending    " + r));
            }
            return result.complete() ? Main.OK : Main.FAILED;
        }
    }

    /** The restore the options ask for; a ConfigException naming the field when they do not make one. */
    RestoreRequest request() {
        SourceSpec source = sourceSpec();
        String target = targetTable != null ? targetTable : source.sourceTable();
        if (target == null) {
            throw new ConfigException("--target-table", "is required for this source: the existing table to restore into");
        }
        RestoreRequest.Mode m = mode == null ? RestoreRequest.Mode.OVERWRITE : RestoreRequest.Mode.parse("mode", mode);
        return new RestoreRequest(source, target, m, batchSize == null ? BatchItemWriter.MAX_BATCH : batchSize, maxWcu, null);
    }

    /** The restore id to resume; refuses options that the checkpoint already fixes. */
    private String resumeId() {
        List<String> fixed = new ArrayList<>();
        addIf(fixed, table, "--table");
        addIf(fixed, backupId, "--backup-id");
        addIf(fixed, targetTable, "--target-table");
        addIf(fixed, batchSize, "--batch-size");
        addIf(fixed, mode, "--mode");
        addIf(fixed, maxWcu, "--max-wcu");
        if (!fixed.isEmpty()) {
            throw new ConfigException("--resume", "continues the restore as its checkpoint recorded it; leave out " + String.join(", ", fixed));
        }
        return CheckpointStore.requireRestoreId("--resume", resume);
    }

    private static void addIf(List<String> names, Object value, String name) {
        if (value != null) {
            names.add(name);
        }
    }

    private RestoreService service(AwsClients clients, RestoreOptions options) {
        return new RestoreService(clients.dynamoDb(), clients.s3(), s3.layout(), Notifier.none(), MetricsPublisher.none(), options,
                Clock.systemUTC());
    }

    private static int connections(RestoreOptions options) {
        return Math.max(16, 2 * (options.writeConcurrency() + options.readConcurrency()));
    }

    private void print(RestoreResult r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.putAll(JSON.convertValue(r, new TypeReference<Map<String, Object>>() {}));
            m.put("writeItemsPerSecond", Math.round(r.writeItemsPerSecond()));
            Output.json(out, m);
            return;
        }
        lines(r).forEach(out::println);
        out.flush();
        if (!r.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            if (r.error() != null) {
                err.println("error: " + r.error());
            }
            r.reportingErrors().forEach(e -> err.println("error: " + e));
            if (r.status() == RestoreResult.Status.INCOMPLETE) {
                err.println("resume with: ddb-backup restore --bucket " + s3.bucket() + " --prefix '" + s3.layout().prefix()
                        + "' --resume " + r.restoreId());
            }
            err.flush();
        }
    }

    /** The human result: one line per phase, then settings, warnings and the outcome. */
    static List<String> lines(RestoreResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "restore %s: %s %s -> table %s%s", r.restoreId(), r.format(), r.source(), r.targetTable(),
                r.tableCreated() ? " (created from the backup's schema)" : ""));
        boolean refused = r.error() != null && r.error().startsWith("refused before the first write");
        if (refused) {
            lines.add("verify     FAILED, nothing written");
        } else if (r.verifySeconds() > 0) {
            lines.add(String.format(Locale.ROOT, "verify     OK: checksums, counts and every item checked before the first write (%.1f s)",
                    r.verifySeconds()));
        } else if (r.writeSeconds() > 0) {
            lines.add("verify     each data file checked just before its items were written");
        } else {
            lines.add("verify     not run");
        }
        if (r.writeSeconds() > 0 || r.itemsWritten() > 0) {
            lines.add(String.format(Locale.ROOT, "write      %,d of %,d items, %d of %d data files finished%s (%.1f s, %,d items/s)",
                    r.itemsWritten(), r.itemsExpected(), r.finishedParts().size(), r.partsTotal(),
                    r.readBack() != null ? " and read back" : "", r.writeSeconds(),
                    Math.round(r.writeItemsPerSecond())));
        } else {
            lines.add("write      nothing written");
        }
        ReadBackReport rb = r.readBack();
        if (rb != null) {
            lines.add(String.format(Locale.ROOT, "read-back  %,d items read back: %,d equal, %,d different, %,d missing (%.2f%%)",
                    rb.expected(), rb.found(), rb.different(), rb.missing(), rb.validationRatePercent()));
            if (!rb.exampleKeys().isEmpty()) {
                lines.add("           keys: " + String.join(", ", rb.exampleKeys()));
            }
        } else {
            lines.add("read-back  not run");
        }
        r.settings().forEach(s -> lines.add("setting    " + s));
        r.warnings().forEach(w -> lines.add("warning    " + w));
        lines.add(String.format(Locale.ROOT, "%s in %.1f s%s", r.status(), r.seconds(),
                r.status() == RestoreResult.Status.INCOMPLETE ? "; restore id " + r.restoreId() : ""));
        return lines;
    }
}
