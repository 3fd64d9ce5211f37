package dev.ddbbackup.cli;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.table.TableNames;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.rotation.NativeBackup;
import dev.ddbbackup.rotation.RetentionPlan;
import dev.ddbbackup.rotation.RetentionPolicy;
import dev.ddbbackup.rotation.RotationRequest;
import dev.ddbbackup.rotation.RotationRunResult;
import dev.ddbbackup.rotation.RotationService;
import dev.ddbbackup.rotation.TableRotationResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddb-backup rotate}: the rotation function's service from a terminal. Creates a native
 * DynamoDB backup of each table, waits until it is AVAILABLE and deletes the backups beyond
 * {@code --keep} (and older than {@code --max-age-days}); {@code --dry-run} only reports.
 */
@Command(mixinStandardHelpOptions = true, name = "rotate",
        description = "Create a native DynamoDB backup of each table and delete old ones (the rotation function's service).")
final class RotateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--table", required = true, description = "Table to rotate; repeat for several.")
    List<String> tables;

    @Option(names = "--keep", defaultValue = "3",
            description = "AVAILABLE backups to keep per table, the new one included, 1-1000 (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--max-age-days", description = "Also delete backups older than this many days, 1-36500 (never the new one).")
    Integer maxAgeDays;

    @Option(names = "--dry-run", description = "Create and delete nothing: list the backups a real run would delete now.")
    boolean dryRun;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        tables.forEach(t -> TableNames.require("--table", t));
        RotationRequest request = new RotationRequest(tables, RetentionPolicy.of("--keep", keep, "--max-age-days", maxAgeDays), dryRun);
        RotationRunResult result;
        try (AwsClients clients = AwsClients.fromEnvironment(8)) {
            RotationService service = new RotationService(clients.dynamoDb(), Notifier.none(), MetricsPublisher.none(),
                    RotationService.DEFAULT_AVAILABLE_WAIT, RotationService.DEFAULT_POLL, Clock.systemUTC());
            result = service.run(request, Deadline.none());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ok", result.ok());
            answer.put("dryRun", dryRun);
            answer.put("tables", result.tables());
            Output.json(out, answer);
        } else {
            PrintWriter err = spec.commandLine().getErr();
            for (TableRotationResult t : result.tables()) {
                print(out, t);
                if (!t.succeeded()) {
                    err.printf("%s: FAILED: %s%n", t.table(), t.error());
                }
            }
            err.flush();
        }
        out.flush();
        return result.ok() ? Main.OK : Main.FAILED;
    }

    private static void print(PrintWriter out, TableRotationResult t) {
        if (t.created() != null) {
            out.printf("%s: created  %s (%s)%n", t.table(), t.created().name(), t.created().arn());
        }
        for (RetentionPlan.Deletion d : t.dryRun() ? t.wouldDelete() : t.deleted()) {
            out.printf("%s: %s %s, created %s: %s%n", t.table(), t.dryRun() ? "would delete" : "deleted ", d.name(), d.createdAt(),
                    d.reason());
        }
        if (t.retained() != null) {
            out.printf("%s: %d backup(s) kept%s: %s%n", t.table(), t.retained().size(),
                    t.dryRun() ? " besides the one a real run would create" : "",
                    String.join(", ", t.retained().stream().map(NativeBackup::name).toList()));
        }
        t.inProgress().forEach(b -> out.printf("%s: left alone %s (still CREATING)%n", t.table(), b.name()));
        t.earlierTable().forEach(b -> out.printf("%s: left alone %s, created %s (a backup of an earlier table of this name)%n", t.table(),
                b.name(), b.createdAt()));
    }
}
