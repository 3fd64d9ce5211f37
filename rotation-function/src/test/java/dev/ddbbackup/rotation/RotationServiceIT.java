package dev.ddbbackup.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The rotation service against moto's real CreateBackup, DescribeBackup, ListBackups and DeleteBackup:
 * what is left in the account after each run is read back with ListBackups, not from the result.
 */
@ExtendWith(MotoExtension.class)
class RotationServiceIT {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void client(MotoServer moto) {
        ddb = moto.configure(DynamoDbClient.builder()).build();
    }

    @AfterAll
    static void close() {
        ddb.close();
    }

    @Test
    void fiveRuns_keepingThree_leaveExactlyTheThreeNewestUserBackups_andOtherTablesUntouched() throws InterruptedException {
        String table = createTable("movies");
        String other = createTable("other");
        String otherBackup = ddb.createBackup(b -> b.tableName(other).backupName(other + "-keep")).backupDetails().backupArn();
        RotationService service = service(Clock.systemUTC());
        List<String> created = new ArrayList<>();

        for (int run = 1; run <= 5; run++) {
            RotationRunResult result = service.run(new RotationRequest(List.of(table), new RetentionPolicy(3, null), false), Deadline.none());
            assertThat(result.ok()).as(result.summary()).isTrue();
            TableRotationResult r = result.tables().get(0);
            created.add(r.created().arn());
            assertThat(r.created().name()).matches(table + "-\\d{14}");
            assertThat(r.retained()).hasSize(Math.min(run, 3)).first().isEqualTo(r.created());
            assertThat(r.deleted()).hasSize(run <= 3 ? 0 : 1);
            Thread.sleep(5); // distinct creation times, so newest-first is observable
        }

        assertThat(userBackups(table)).containsExactly(created.get(4), created.get(3), created.get(2));
        assertThat(userBackups(other)).containsExactly(otherBackup);
    }

    @Test
    void maxAgeDays_deletesOlderBackups_butNeverTheOneJustCreated_soNeverFewerThanOne() {
        String table = createTable("aged");
        for (int i = 0; i < 3; i++) {
            String name = table + "-old" + i;
            ddb.createBackup(b -> b.tableName(table).backupName(name));
        }
        // moto stamps creation times itself: a clock ten days ahead makes every backup, the new one too, ten days old
        Clock tenDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(10));

        RotationRunResult result = service(tenDaysLater).run(new RotationRequest(List.of(table), new RetentionPolicy(5, 7), false),
                Deadline.none());

        TableRotationResult r = result.tables().get(0);
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(r.deleted()).hasSize(3).allSatisfy(d -> assertThat(d.reason()).isEqualTo("older than 7 days"));
        assertThat(userBackups(table)).containsExactly(r.created().arn());
        assertThat(r.retained()).containsExactly(r.created());
    }

    @Test
    void maxAgeDays_keepsBackupsYoungerThanTheLimit() {
        String table = createTable("young");
        String old = ddb.createBackup(b -> b.tableName(table).backupName(table + "-old")).backupDetails().backupArn();

        RotationRunResult result = service(Clock.offset(Clock.systemUTC(), Duration.ofDays(6)))
                .run(new RotationRequest(List.of(table), new RetentionPolicy(5, 7), false), Deadline.none());

        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(userBackups(table)).hasSize(2).contains(old);
    }

    @Test
    void unknownTable_failsThatTable_createsAndDeletesNothing_andTheOtherTableIsStillRotated() {
        String table = createTable("ok");
        String missing = UniqueName.next("missing");
        for (int i = 0; i < 2; i++) {
            String name = table + "-" + i;
            ddb.createBackup(b -> b.tableName(table).backupName(name));
        }

        RotationRunResult result = service(Clock.systemUTC())
                .run(new RotationRequest(List.of(missing, table), new RetentionPolicy(1, null), false), Deadline.none());

        assertThat(result.ok()).isFalse();
        assertThat(result.failedTables()).containsExactly(missing);
        TableRotationResult failed = result.tables().get(0);
        assertThat(failed.error()).isEqualTo("table '" + missing + "' does not exist in this account and region;"
                + " check the name and AWS_REGION; nothing created or deleted");
        assertThat(failed.created()).isNull();
        assertThat(userBackups(missing)).isEmpty();
        TableRotationResult ok = result.tables().get(1);
        assertThat(ok.deleted()).hasSize(2);
        assertThat(userBackups(table)).containsExactly(ok.created().arn());
    }

    @Test
    void dryRun_createsAndDeletesNothing_andReportsWhatARealRunWouldDelete() throws InterruptedException {
        String table = createTable("dry");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = table + "-" + i;
            arns.add(ddb.createBackup(b -> b.tableName(table).backupName(name)).backupDetails().backupArn());
            Thread.sleep(5);
        }

        RotationRunResult result = service(Clock.systemUTC())
                .run(new RotationRequest(List.of(table), new RetentionPolicy(3, null), true), Deadline.none());

        TableRotationResult r = result.tables().get(0);
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.created()).isNull();
        assertThat(r.deleted()).isEmpty();
        assertThat(r.wouldDelete()).extracting(RetentionPlan.Deletion::arn).containsExactly(arns.get(1), arns.get(0));
        assertThat(userBackups(table)).containsExactlyInAnyOrderElementsOf(arns);
    }

    @Test
    void dryRun_ofAnUnknownTable_fails() {
        String missing = UniqueName.next("missing");

        RotationRunResult result = service(Clock.systemUTC())
                .run(new RotationRequest(List.of(missing), new RetentionPolicy(3, null), true), Deadline.none());

        assertThat(result.ok()).isFalse();
        assertThat(result.tables().get(0).error()).startsWith("table '" + missing + "' does not exist");
    }

    private static RotationService service(Clock clock) {
        return new RotationService(ddb, Notifier.none(), MetricsPublisher.none(), Duration.ofSeconds(10),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), clock.withZone(ZoneOffset.UTC));
    }

    private static List<String> userBackups(String table) {
        List<BackupSummary> all = new ArrayList<>();
        ddb.listBackups(b -> b.tableName(table)).backupSummaries().forEach(all::add);
        assertThat(all).allSatisfy(s -> assertThat(s.backupTypeAsString()).isEqualTo("USER"));
        return all.stream().sorted((a, b) -> b.backupCreationDateTime().compareTo(a.backupCreationDateTime()))
                .map(BackupSummary::backupArn).toList();
    }

    private static String createTable(String prefix) {
        String table = UniqueName.next(prefix);
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        return table;
    }
}
