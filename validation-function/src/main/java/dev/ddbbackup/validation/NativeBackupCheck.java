package dev.ddbbackup.validation;

import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.table.NativeBackups;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;

/**
 * Check 4, for tables whose native backups the rotation function keeps: the newest AVAILABLE on-demand
 * (USER) backup, over every ListBackups page ({@link NativeBackups}), is younger than allowed.
 */
final class NativeBackupCheck {

    private final NativeBackups backups;
    private final Clock clock;

    NativeBackupCheck(NativeBackups backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    /** Publishes {@code NativeBackupAgeHours} for the table when it has an AVAILABLE backup. */
    CheckResult check(String table, Duration maxAge, Consumer<Metric> metrics) {
        List<BackupSummary> all = backups.userBackups(table);
        BackupSummary newest = all.stream().filter(b -> b.backupStatus() == BackupStatus.AVAILABLE).findFirst().orElse(null);
        if (newest == null) {
            Map<String, Long> others = new TreeMap<>();
            all.forEach(b -> others.merge(b.backupStatusAsString(), 1L, Long::sum));
            return CheckResult.fail(Check.NATIVE_BACKUP, table, "no AVAILABLE on-demand (USER) backup"
                    + (others.isEmpty() ? "; is the rotation function scheduled for this table?" : "; others: " + others));
        }
        Duration age = Duration.between(newest.backupCreationDateTime(), clock.instant());
        metrics.accept(Metric.of("NativeBackupAgeHours", Math.max(0, age.toMillis() / 3_600_000.0), "None", "TableName", table));
        String which = "newest AVAILABLE backup " + newest.backupName() + " (" + newest.backupArn() + ") was created "
                + newest.backupCreationDateTime() + ", " + Durations.human(age) + " ago";
        if (age.compareTo(maxAge) > 0) {
            return CheckResult.fail(Check.NATIVE_BACKUP, table, which + ", older than the " + Durations.human(maxAge) + " allowed");
        }
        return CheckResult.pass(Check.NATIVE_BACKUP, table, which + " (allowed: " + Durations.human(maxAge) + "; "
                + all.size() + " USER backup(s) in all)");
    }
}
