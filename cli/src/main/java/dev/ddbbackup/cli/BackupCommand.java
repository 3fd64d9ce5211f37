package dev.ddbbackup.cli;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupRunResult;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.backup.TableBackupResult;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddb-backup backup}: the backup function's service against the configured account or emulator. */
@Command(mixinStandardHelpOptions = true, name = "backup", description = "Back up tables to S3 (the backup function's service).")
final class BackupCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--table", required = true, description = "Table to back up; repeat for several.")
    List<String> tables;

    @Mixin
    S3Options s3;

    @Option(names = "--segments", description = "Parallel scan segments, 1-1000 (default: from table size, at least 4).")
    Integer segments;

    @Option(names = "--concurrency", defaultValue = "8", description = "Segment workers (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-rcu", description = "Cap read capacity at this many RCU per second.")
    Double maxRcu;

    @Option(names = "--no-verify", description = "Skip re-reading the data files before the manifest is written.")
    boolean noVerify;

    @Option(names = "--format", paramLabel = "dynamodb-json|datapipeline", description = "Data line shape: dynamodb-json (default;"
            + " DynamoDB's native export lines, which ImportTable reads) or datapipeline (AWS Data Pipeline export lines).")
    String format;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        BackupRequest request = new BackupRequest(tables, s3.bucket(), s3.layout(), segments);
        BackupOptions options = BackupOptions.DEFAULT.withConcurrency(concurrency).withReadCapacity(null, maxRcu)
                .withVerifyAfterWrite(!noVerify).withOutputFormat(BackupOptions.outputFormat("--format", format));
        BackupRunResult result;
        try (AwsClients clients = AwsClients.fromEnvironment(Math.max(16, concurrency * 4))) {
            BackupService service = new BackupService(clients.dynamoDb(), clients.s3(), Notifier.none(), MetricsPublisher.none(),
                    options, Clock.systemUTC());
            result = service.run(request, Deadline.none());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, Map.of("ok", result.ok(), "tables", result.tables()));
        } else {
            for (TableBackupResult t : result.tables()) {
                if (t.succeeded()) {
                    out.printf(Locale.ROOT, "%s: backed up %d items (%.1f MB gzip, %d files) in %.1f s -> %s%n", t.table(), t.items(),
                            t.compressedBytes() / 1e6, t.dataFiles(), t.seconds(), t.location());
                } else {
                    spec.commandLine().getErr().printf("%s: %s: %s%n", t.table(), t.status(), t.error());
                }
            }
        }
        return result.ok() ? Main.OK : Main.FAILED;
    }
}
