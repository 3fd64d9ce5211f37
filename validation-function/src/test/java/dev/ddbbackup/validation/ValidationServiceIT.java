package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupRunResult;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.Metric;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3, PITR, native-backup and drill checks and the start-of-run configuration check, through the real
 * SDK against moto (DynamoDB with backups and PITR, S3), on backups the real backup service wrote.
 * Ages beyond a threshold come from a clock set ahead, so they are exact.
 */
@ExtendWith(MotoExtension.class)
class ValidationServiceIT {

    private static final ValidationPlan.Fields FIELDS = ValidationPlan.Fields.ENVIRONMENT;
    private static final Duration DAY = Duration.ofHours(26);

    private static AwsClients clients;
    private static DynamoDbClient ddb;
    private static S3Client s3;
    private static MotoFixture fixture;
    private static String bucket;

    @BeforeAll
    static void setUp(MotoServer moto) {
        clients = new AwsClients(EmulatorClients.REGION, 16,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint(), moto.endpoint()),
                EmulatorClients.credentialsProvider());
        ddb = clients.dynamoDb();
        s3 = clients.s3();
        fixture = new MotoFixture(ddb, s3, clients.backup());
        bucket = UniqueName.next("validation");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void s3Checks_freshHealthyBackup_passWithCounts_andPublishBackupAge() {
        String table = fixture.table("healthy", 90);
        fixture.backUp(table, bucket);
        List<Metric> metrics = MotoFixture.metrics();

        ValidationReport report = fixture.service(Clock.systemUTC(), metrics).run(s3Plan(table), Deadline.none());

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::check).containsExactly(Check.S3_BACKUP_AGE, Check.S3_BACKUP_INTEGRITY);
        assertThat(report.checks().get(0).reason()).startsWith("latest backup ").contains(" ago (allowed: 26 h)");
        assertThat(report.checks().get(1).reason()).startsWith("s3://" + bucket + "/dynamodb-backups/" + table + "/")
                .endsWith(": 90 items in " + dataFiles(table).size() + " data files; manifest, checksums and counts match");
        assertThat(dataFiles(table)).hasSizeGreaterThan(2);
        assertThat(metrics).anySatisfy(m -> {
            assertThat(m.name()).isEqualTo("BackupAgeHours");
            assertThat(m.dimensions()).isEqualTo(Map.of("TableName", table));
            assertThat(m.value()).isBetween(0.0, 0.1);
        });
        assertThat(metrics).filteredOn(m -> m.name().equals("CheckFailed"))
                .extracting(Metric::value, Metric::dimensions)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0.0, Map.of("Check", "s3-backup-age", "TableName", table)),
                        org.assertj.core.groups.Tuple.tuple(0.0, Map.of("Check", "s3-backup-integrity", "TableName", table)));
        assertThat(metrics).filteredOn(m -> m.name().equals("ChecksPassed")).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(2.0));
    }

    @Test
    void s3Integrity_oneDataPartDeleted_failsNamingThePart() {
        String table = fixture.table("deleted", 60);
        fixture.backUp(table, bucket);
        String part = dataFiles(table).get(1).key();
        s3.deleteObject(b -> b.bucket(bucket).key(part));

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(s3Plan(table), Deadline.none());

        assertThat(report.ok()).isFalse();
        assertThat(result(report, Check.S3_BACKUP_AGE).outcome()).isEqualTo(Outcome.PASS);
        CheckResult integrity = result(report, Check.S3_BACKUP_INTEGRITY);
        assertThat(integrity.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(integrity.reason()).contains("1 problem(s): " + part + ": data file is missing");
    }

    @Test
    void s3Integrity_oneDataPartAltered_failsNamingThePartAndItsChecksum() {
        String table = fixture.table("altered", 60);
        fixture.backUp(table, bucket);
        String part = dataFiles(table).get(0).key();
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(part)).asByteArray();
        bytes[bytes.length / 2] ^= 0x20;
        s3.putObject(b -> b.bucket(bucket).key(part), RequestBody.fromBytes(bytes));

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(s3Plan(table), Deadline.none());

        CheckResult integrity = result(report, Check.S3_BACKUP_INTEGRITY);
        assertThat(integrity.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(integrity.reason()).contains(part + ": ");
        assertThat(report.failed()).isEqualTo(1);
    }

    @Test
    void s3Age_newestBackupOlderThanTheRpo_fails() {
        String table = fixture.table("stale", 10);
        fixture.backUp(table, bucket);
        Clock thirtyHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(30));
        List<Metric> metrics = MotoFixture.metrics();

        ValidationReport report = fixture.service(thirtyHoursLater, metrics).run(s3Plan(table), Deadline.none());

        CheckResult age = result(report, Check.S3_BACKUP_AGE);
        assertThat(age.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(age.reason()).startsWith("latest complete backup ").contains(" started 30 h ago, older than the 26 h allowed (RPO)");
        assertThat(result(report, Check.S3_BACKUP_INTEGRITY).outcome()).isEqualTo(Outcome.PASS);
        assertThat(metrics).filteredOn(m -> m.name().equals("BackupAgeHours")).singleElement()
                .satisfies(m -> assertThat(m.value()).isBetween(30.0, 30.1));
    }

    @Test
    void s3Checks_tableWithoutBackup_bothFail() {
        String table = fixture.table("nobackup", 3);

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(s3Plan(table), Deadline.none());

        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(c.reason()).startsWith("no complete backup (one with manifest.json) under s3://" + bucket + "/dynamodb-backups/"
                    + table + "/");
        });
    }

    @Test
    void pitr_enabledRecently_passes_disabledOrLagging_fails() {
        String on = fixture.table("pitr-on", 1);
        String off = fixture.table("pitr-off", 1);
        ddb.updateContinuousBackups(b -> b.tableName(on).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        ValidationPlan plan = new ValidationPlan(List.of(on, off), null, null, Duration.ofMinutes(15), null, false, FIELDS);
        List<Metric> metrics = MotoFixture.metrics();

        ValidationReport now = fixture.service(Clock.systemUTC(), metrics).run(plan, Deadline.none());
        ValidationReport hourLater = fixture.service(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), MotoFixture.metrics())
                .run(plan, Deadline.none());

        assertThat(now.checks()).extracting(CheckResult::table, CheckResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(on, Outcome.PASS), org.assertj.core.groups.Tuple.tuple(off, Outcome.FAIL));
        assertThat(now.checks().get(0).reason()).startsWith("ENABLED, ").contains("(allowed: 15 min)");
        assertThat(now.checks().get(1).reason()).startsWith("point-in-time recovery is DISABLED; enable it");
        assertThat(metrics).anySatisfy(m -> assertThat(m.name() + m.dimensions()).isEqualTo("PitrLagSeconds{TableName=" + on + "}"));
        CheckResult lagging = hourLater.checks().get(0);
        assertThat(lagging.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(lagging.reason()).startsWith("LatestRestorableDateTime ").contains(" behind, more than the 15 min allowed");
    }

    @Test
    void native_recentAvailableBackup_passes_noneOrTooOld_fails() {
        String with = fixture.table("native-on", 2);
        String without = fixture.table("native-off", 2);
        ddb.createBackup(b -> b.tableName(with).backupName(with + "-manual"));
        ValidationPlan plan = new ValidationPlan(List.of(with, without), null, null, null, Duration.ofHours(26), false, FIELDS);

        ValidationReport now = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(plan, Deadline.none());
        ValidationReport later = fixture.service(Clock.offset(Clock.systemUTC(), Duration.ofHours(27)), MotoFixture.metrics())
                .run(plan, Deadline.none());

        assertThat(now.checks().get(0).outcome()).as(now.summary()).isEqualTo(Outcome.PASS);
        assertThat(now.checks().get(0).reason()).startsWith("newest AVAILABLE backup " + with + "-manual (arn:aws:dynamodb:")
                .endsWith("(allowed: 26 h; 1 USER backup(s) in all)");
        assertThat(now.checks().get(1).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(now.checks().get(1).reason()).startsWith("no AVAILABLE on-demand (USER) backup");
        assertThat(later.checks().get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(later.checks().get(0).reason()).endsWith(", older than the 26 h allowed");
    }

    @Test
    void drill_restoresIntoAScratchTable_comparesEveryItem_deletesIt_andReportsTheRto() {
        String table = fixture.table("drill", 40);
        fixture.backUp(table, bucket);
        List<String> tablesBefore = ddb.listTables().tableNames();
        List<Metric> metrics = MotoFixture.metrics();
        ValidationPlan plan = new ValidationPlan(List.of(table), target(), null, null, null, true, FIELDS);

        ValidationReport report = fixture.service(Clock.systemUTC(), metrics).run(plan, Deadline.none());

        CheckResult drill = result(report, Check.RESTORE_DRILL);
        assertThat(drill.outcome()).as(drill.reason()).isEqualTo(Outcome.PASS);
        assertThat(drill.reason()).startsWith("restored and compared 40 items from ").contains(" s (RTO) into scratch table " + table
                + "-restore-test-").endsWith(", since deleted");
        assertThat(ddb.listTables().tableNames()).containsExactlyInAnyOrderElementsOf(tablesBefore);
        assertThat(metrics).filteredOn(m -> m.name().equals("DrillRtoSeconds")).singleElement().satisfies(m -> {
            assertThat(m.unit()).isEqualTo("Seconds");
            assertThat(m.value()).isPositive();
            assertThat(m.dimensions()).isEqualTo(Map.of("TableName", table));
        });
    }

    @Test
    void drill_ofAnAlteredBackup_failsWithoutLeavingTheScratchTable() {
        String table = fixture.table("drillbad", 30);
        fixture.backUp(table, bucket);
        String part = dataFiles(table).get(0).key();
        s3.putObject(b -> b.bucket(bucket).key(part), RequestBody.fromString("not gzip"));
        List<String> tablesBefore = ddb.listTables().tableNames();
        ValidationPlan plan = new ValidationPlan(List.of(table), target(), null, null, null, true, FIELDS);

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(plan, Deadline.none());

        CheckResult drill = result(report, Check.RESTORE_DRILL);
        assertThat(drill.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(drill.reason()).contains(part).contains("(scratch table " + table + "-restore-test-").doesNotContain("items equal");
        assertThat(ddb.listTables().tableNames()).containsExactlyInAnyOrderElementsOf(tablesBefore);
    }

    @Test
    void s3IntegrityAndDrill_ofADataPipelineFormatBackup_readEveryLineInThatShape_andPass() {
        String table = fixture.table("dpformat", 40);
        BackupRunResult backup = new BackupService(ddb, s3, Notifier.none(), MetricsPublisher.none(),
                BackupOptions.DEFAULT.withMaxDataFileBytes(8_192).withOutputFormat(ItemLineFormat.DATA_PIPELINE), Clock.systemUTC())
                .run(new BackupRequest(List.of(table), bucket, new BackupLayout(null), 2), Deadline.none());
        assertThat(backup.ok()).as(backup.summary()).isTrue();
        ValidationPlan plan = new ValidationPlan(List.of(table), target(), null, null, null, true, FIELDS);

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics()).run(plan, Deadline.none());

        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(result(report, Check.S3_BACKUP_INTEGRITY).reason())
                .endsWith(": 40 items in " + dataFiles(table).size() + " data files; manifest, checksums and counts match");
        assertThat(result(report, Check.RESTORE_DRILL).reason()).startsWith("restored and compared 40 items from ");
    }

    @Test
    void run_unknownTableOrMissingBucketOrNoCheck_isAConfigErrorNamingTheVariable_andChecksNothing() {
        String table = fixture.table("cfg", 1);
        List<Metric> metrics = MotoFixture.metrics();
        ValidationService service = fixture.service(Clock.systemUTC(), metrics);

        assertThatThrownBy(() -> service.run(new ValidationPlan(List.of(table, "NoSuchTable", "Gone.Too"),
                target(), null, null, null, false, FIELDS), Deadline.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PROTECTED_TABLES: tables 'NoSuchTable', 'Gone.Too' do not exist in this account and region; "
                        + "check the names and AWS_REGION");
        assertThatThrownBy(() -> service.run(new ValidationPlan(List.of(table),
                new ValidationPlan.S3Target("no-such-bucket-here", new BackupLayout(null), DAY, "BACKUP_BUCKET"), null, null, null, false,
                FIELDS), Deadline.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BACKUP_BUCKET: bucket 'no-such-bucket-here' does not exist; check the name and AWS_REGION");
        assertThatThrownBy(() -> service.run(new ValidationPlan(List.of(table), null, null, null, null, false, FIELDS), Deadline.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("checks: none is switched on; set BACKUP_BUCKET (S3 backups), CHECK_AWS_BACKUP_JOBS=true");
        assertThat(metrics).isEmpty();
    }

    @Test
    void run_deadlineAlreadyNear_failsEveryCheckSayingItDidNotRun() {
        String table = fixture.table("late", 1);

        ValidationReport report = fixture.service(Clock.systemUTC(), MotoFixture.metrics())
                .run(s3Plan(table), Deadline.of(() -> 1_000, 60_000));

        assertThat(report.checks()).hasSize(2).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(c.reason()).isEqualTo("not run: less than 60 s of run time was left");
        });
    }

    private static ValidationPlan s3Plan(String table) {
        return new ValidationPlan(List.of(table), target(), null, null, null, false, FIELDS);
    }

    private static ValidationPlan.S3Target target() {
        return new ValidationPlan.S3Target(bucket, new BackupLayout(null), DAY, "BACKUP_BUCKET");
    }

    private static CheckResult result(ValidationReport report, Check check) {
        return report.checks().stream().filter(c -> c.check() == check).findFirst().orElseThrow();
    }

    private static List<S3Object> dataFiles(String table) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("dynamodb-backups/" + table + "/")).contents().stream()
                .filter(o -> o.key().contains("/data/")).toList();
    }
}
