package dev.ddbbackup.cli;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.table.TableNames;
import java.io.PrintWriter;
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

/** {@code ddb-backup list}: complete backups, newest first. */
@Command(mixinStandardHelpOptions = true, name = "list", description = "List complete backups (those with a manifest), newest first.")
final class ListCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    S3Options s3;

    @Option(names = "--table", description = "Only this table's backups.")
    String table;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        if (table != null) {
            TableNames.require("--table", table);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (AwsClients clients = AwsClients.fromEnvironment(8)) {
            BackupCatalog catalog = new BackupCatalog(clients.s3(), s3.bucket(), s3.layout());
            List<String> tables = table != null ? List.of(table) : catalog.tables();
            for (String t : tables) {
                for (BackupRef ref : catalog.list(t)) {
                    Manifest m = catalog.readManifest(ref);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("table", t);
                    row.put("backupId", ref.id().value());
                    row.put("completedAt", m.completedAt().toString());
                    row.put("itemCount", m.itemCount());
                    row.put("compressedBytes", m.compressedBytes());
                    row.put("dataFiles", m.dataFileCount());
                    row.put("location", ref.toString());
                    rows.add(row);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, Map.of("backups", rows));
        } else if (rows.isEmpty()) {
            out.println("no complete backups under s3://" + s3.bucket() + "/" + s3.layout().rootFolder());
        } else {
            out.printf(Locale.ROOT, "%-30s %-28s %-22s %12s %12s%n", "TABLE", "BACKUP ID", "COMPLETED", "ITEMS", "BYTES");
            for (Map<String, Object> r : rows) {
                out.printf(Locale.ROOT, "%-30s %-28s %-22s %12d %12d%n", r.get("table"), r.get("backupId"),
                        ((String) r.get("completedAt")).replaceFirst("\\.\\d+Z$", "Z"), r.get("itemCount"), r.get("compressedBytes"));
            }
        }
        return Main.OK;
    }
}
