package dev.ddbbackup.validation;

import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupRunResult;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.recovery.RestoreDrill;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Tables with backups made by the real backup service on moto, and validation services over the same clients. */
final class MotoFixture {

    private final DynamoDbClient ddb;
    private final S3Client s3;
    private final BackupClient backup;

    MotoFixture(DynamoDbClient ddb, S3Client s3, BackupClient backup) {
        this.ddb = ddb;
        this.s3 = s3;
        this.backup = backup;
    }

    /** A new all-types table holding {@code items} items. */
    String table(String prefix, int items) {
        String table = UniqueName.next(prefix);
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, items);
        return table;
    }

    /** Backs the table up into the bucket in several small data files; fails the test when it does not succeed. */
    void backUp(String table, String bucket) {
        BackupRunResult r = new BackupService(ddb, s3, Notifier.none(), MetricsPublisher.none(),
                BackupOptions.DEFAULT.withMaxDataFileBytes(8_192), Clock.systemUTC())
                .run(new BackupRequest(List.of(table), bucket, new BackupLayout(null), 2), Deadline.none());
        if (!r.ok()) {
            throw new AssertionError("backup failed: " + r.summary());
        }
    }

    /** The validation service on these clients, its drill the recovery service's, metrics into {@code metrics}. */
    ValidationService service(Clock clock, List<Metric> metrics) {
        return service(clock, metrics, RestoreTestOptions.DEFAULT);
    }

    /** The same, checking restore tests with {@code options}. */
    ValidationService service(Clock clock, List<Metric> metrics, RestoreTestOptions options) {
        RestoreService restores = new RestoreService(ddb, s3, null, Notifier.none(), MetricsPublisher.none(), RestoreOptions.DEFAULT, clock);
        return new ValidationService(ddb, s3, backup, new RestoreDrill(restores, ddb), Notifier.none(), metrics::addAll, options,
                clock);
    }

    static List<Metric> metrics() {
        return new CopyOnWriteArrayList<>();
    }
}
