package dev.ddbbackup.validation;

import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.VerificationReport;
import dev.ddbbackup.core.metrics.Metric;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Check 2 (seed 000's validate step, done right): the latest complete backup of a table in S3 is younger
 * than the RPO, and it verifies: manifest, manifest-files checksum, every data file's SHA-256, MD5, size
 * and item count, every line parsed as an item, all streamed by {@link BackupVerifier}.
 *
 * <p>A backup's age counts from its start (encoded in its id), not its end: the oldest data it holds is
 * from then, which is what an RPO is about.
 */
final class S3BackupCheck {

    /** Problems named in a reason; a report with more says how many. */
    static final int MAX_PROBLEMS = 10;

    private final S3Client s3;
    private final Clock clock;
    private final int parallelism;

    S3BackupCheck(S3Client s3, Clock clock, int parallelism) {
        this.s3 = s3;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    /**
     * The age result, then the integrity result; publishes {@code BackupAgeHours} for the table.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the backups cannot be listed
     */
    List<CheckResult> check(String table, ValidationPlan.S3Target target, Consumer<Metric> metrics) {
        BackupCatalog catalog = new BackupCatalog(s3, target.bucket(), target.layout());
        Optional<BackupRef> latest = catalog.latest(table);
        if (latest.isEmpty()) {
            String none = "no complete backup (one with manifest.json) under " + target.tableLocation(table);
            return List.of(CheckResult.fail(Check.S3_BACKUP_AGE, table, none),
                    CheckResult.fail(Check.S3_BACKUP_INTEGRITY, table, none + "; nothing to verify"));
        }
        BackupRef ref = latest.get();
        Duration age = Duration.between(ref.id().startedAt(), clock.instant());
        metrics.accept(Metric.of("BackupAgeHours", Math.max(0, age.toMillis() / 3_600_000.0), "None", "TableName", table));
        CheckResult ageResult = age.compareTo(target.maxBackupAge()) <= 0
                ? CheckResult.pass(Check.S3_BACKUP_AGE, table, "latest backup " + ref.id() + " started " + Durations.human(age)
                        + " ago (allowed: " + Durations.human(target.maxBackupAge()) + ")")
                : CheckResult.fail(Check.S3_BACKUP_AGE, table, "latest complete backup " + ref.id() + " started " + Durations.human(age)
                        + " ago, older than the " + Durations.human(target.maxBackupAge()) + " allowed (RPO); is the backup schedule running?");
        VerificationReport report = new BackupVerifier(catalog, parallelism).verify(ref, true);
        CheckResult integrity;
        if (report.ok()) {
            integrity = CheckResult.pass(Check.S3_BACKUP_INTEGRITY, table, String.format(Locale.ROOT,
                    "%s: %d items in %d data files; manifest, checksums and counts match", ref, report.itemsFound(), report.files().size()));
        } else {
            List<String> problems = report.allProblems();
            String listed = String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
            integrity = CheckResult.fail(Check.S3_BACKUP_INTEGRITY, table, ref + ": " + problems.size() + " problem(s): " + listed
                    + (problems.size() > MAX_PROBLEMS ? "; and " + (problems.size() - MAX_PROBLEMS) + " more" : ""));
        }
        return List.of(ageResult, integrity);
    }
}
