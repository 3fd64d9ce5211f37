package dev.ddbbackup.cli;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.validation.RestoreTestOptions;
import dev.ddbbackup.validation.ValidationPlan;
import dev.ddbbackup.validation.ValidationReport;
import dev.ddbbackup.validation.ValidationService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddb-backup validate}: the validation function's checks that the flags ask for, one line per check
 * and table; exit 0 only when none FAILs.
 */
@Command(mixinStandardHelpOptions = true, name = "validate",
        description = {"Check that the tables' backups exist, are fresh and intact, and restore (the validation function's checks).",
                "--bucket checks S3 backups (age and integrity); --aws-backup, --pitr, --native and --drill add the other checks.",
                "Exit 0 when no check FAILs, 1 when one does, 2 on bad usage."})
final class ValidateCommand implements Callable<Integer> {

    private static final ValidationPlan.Fields FIELDS = new ValidationPlan.Fields("--table", "--bucket", "--drill",
            "give --bucket (S3 backups), --aws-backup, --pitr or --native");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--table", required = true, description = "Protected table to check; repeat for several.")
    List<String> tables;

    @Mixin
    S3Options s3;

    @Option(names = "--max-backup-age-hours", defaultValue = "26",
            description = "The RPO: the latest S3 backup must have started less than this many hours ago (default: ${DEFAULT-VALUE}).")
    double maxBackupAgeHours;

    @Option(names = "--aws-backup", description = "Check that each table has a COMPLETED AWS Backup job in the window.")
    boolean awsBackup;

    @Option(names = "--backup-job-window-hours", defaultValue = "24",
            description = "How far back AWS Backup jobs are listed (default: ${DEFAULT-VALUE}).")
    double backupJobWindowHours;

    @Option(names = "--pitr", description = "Check that point-in-time recovery is on and its latest restorable time is recent.")
    boolean pitr;

    @Option(names = "--max-pitr-lag-minutes", defaultValue = "15",
            description = "How far LatestRestorableDateTime may lag behind now (default: ${DEFAULT-VALUE}).")
    double maxPitrLagMinutes;

    @Option(names = "--native", description = "Check that a recent AVAILABLE on-demand DynamoDB backup exists.")
    boolean nativeBackups;

    @Option(names = "--native-max-age-hours", defaultValue = "26",
            description = "How old the newest AVAILABLE native backup may be (default: ${DEFAULT-VALUE}).")
    double nativeMaxAgeHours;

    @Option(names = "--drill", description = "Restore the latest S3 backup into a scratch table, compare every item, delete it "
            + "(needs --bucket).")
    boolean drill;

    @Option(names = "--json", description = "Print a machine-readable result.")
    boolean json;

    @Override
    public Integer call() {
        ValidationPlan.S3Target target = s3.bucket == null ? null : new ValidationPlan.S3Target(s3.bucket, s3.layout(),
                ValidationPlan.hours("--max-backup-age-hours", maxBackupAgeHours), "--bucket");
        ValidationPlan plan = new ValidationPlan(tables, target,
                awsBackup ? ValidationPlan.hours("--backup-job-window-hours", backupJobWindowHours) : null,
                pitr ? ValidationPlan.minutes("--max-pitr-lag-minutes", maxPitrLagMinutes) : null,
                nativeBackups ? ValidationPlan.hours("--native-max-age-hours", nativeMaxAgeHours) : null,
                drill, FIELDS);
        ValidationReport report;
        try (AwsClients clients = AwsClients.fromEnvironment(16)) {
            ValidationService service = ValidationService.standard(clients, Notifier.none(), MetricsPublisher.none(),
                    RestoreTestOptions.DEFAULT, Clock.systemUTC());
            report = service.run(plan, Deadline.none());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", report.ok());
            result.put("passed", report.passed());
            result.put("warned", report.warned());
            result.put("failed", report.failed());
            result.put("checks", report.checks());
            Output.json(out, result);
        } else {
            report.checks().forEach(c -> out.println(c.line()));
            out.println(report.headline());
        }
        return report.ok() ? Main.OK : Main.FAILED;
    }
}
