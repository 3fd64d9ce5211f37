package dev.ddbbackup.cli;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.VerificationReport;
import dev.ddbbackup.core.table.TableNames;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddb-backup verify}: re-checks a backup against its manifests; exit 1 names each bad part. */
@Command(mixinStandardHelpOptions = true, name = "verify", description = "Re-check a backup: manifests, every data file's checksums, item counts and lines.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    S3Options s3;

    @Option(names = "--table", required = true, description = "Table whose backup to verify.")
    String table;

    @Option(names = "--backup-id", description = "Backup to verify (default: the latest complete one).")
    String backupId;

    @Option(names = "--quick", description = "Count lines instead of parsing every item.")
    boolean quick;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        TableNames.require("--table", table);
        if (backupId != null && !BackupId.isValid(backupId)) {
            throw new ConfigException("--backup-id", "'" + backupId + "' is not a backup id; run 'ddb-backup list' to see them");
        }
        VerificationReport report;
        try (AwsClients clients = AwsClients.fromEnvironment(16)) {
            BackupCatalog catalog = new BackupCatalog(clients.s3(), s3.bucket(), s3.layout());
            BackupRef ref = backupId != null ? catalog.get(table, new BackupId(backupId))
                    : catalog.latest(table).orElseThrow(() -> new BackupNotFoundException(
                            "no complete backup of " + table + " under s3://" + s3.bucket() + "/" + s3.layout().tableFolder(table)));
            report = new BackupVerifier(catalog, 8).verify(ref, !quick);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", report.ok());
            m.put("backup", report.backup().toString());
            m.put("expectedItems", report.expectedItems());
            m.put("itemsFound", report.itemsFound());
            m.put("dataFiles", report.files().size());
            m.put("problems", report.allProblems());
            Output.json(out, m);
        } else if (report.ok()) {
            out.printf(Locale.ROOT, "OK %s: %d items in %d data files, checksums and counts match%n", report.backup(),
                    report.itemsFound(), report.files().size());
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("FAILED %s: %d problem(s)%n", report.backup(), report.allProblems().size());
            report.allProblems().forEach(p -> err.println("  " + p));
        }
        return report.ok() ? Main.OK : Main.FAILED;
    }
}
