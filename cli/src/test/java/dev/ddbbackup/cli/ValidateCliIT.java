package dev.ddbbackup.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.cli.CliProcess.Result;
import dev.ddbbackup.cli.demo.DemoEnvironment;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ddb-backup validate} as a new user runs it: a separate JVM configured only by the standard SDK
 * environment, against moto (DynamoDB, S3), on backups made by {@code ddb-backup backup}; AWS Backup is
 * WireMock through {@code AWS_ENDPOINT_URL_BACKUP}. Checked by exit code and output.
 */
@ExtendWith(MotoExtension.class)
class ValidateCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension backup = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static MotoServer moto;
    private static DynamoDbClient ddb;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void setUp(MotoServer server) {
        moto = server;
        ddb = moto.configure(DynamoDbClient.builder()).build();
        s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
        bucket = UniqueName.next("cli-validate");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        if (ddb != null) {
            ddb.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void freshHealthyBackup_passes_thenOneDeletedPart_failsNamingIt() throws Exception {
        String table = tableWithBackup(200);

        Result ok = run("validate", "--table", table, "--bucket", bucket);

        assertThat(ok.code).as(ok.out + ok.err).isZero();
        assertThat(ok.out).contains("PASS  s3-backup-age        " + table + "  latest backup ")
                .contains("PASS  s3-backup-integrity  " + table + "  s3://" + bucket + "/dynamodb-backups/" + table + "/")
                .contains(": 200 items in 3 data files; manifest, checksums and counts match")
                .contains("DynamoDB backup validation PASSED: 2 check(s)");

        String part = dataParts(table).get(1);
        s3.deleteObject(b -> b.bucket(bucket).key(part));
        Result deleted = run("validate", "--table", table, "--bucket", bucket);

        assertThat(deleted.code).isEqualTo(1);
        assertThat(deleted.out).contains("PASS  s3-backup-age        " + table)
                .contains("FAIL  s3-backup-integrity  " + table + "  ").contains(part + ": data file is missing")
                .contains("DynamoDB backup validation FAILED: 1 of 2 check(s)");
    }

    @Test
    void oneAlteredPart_failsNamingIt() throws Exception {
        String table = tableWithBackup(120);
        String part = dataParts(table).get(0);
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(part)).asByteArray();
        bytes[bytes.length / 3] ^= 0x40;
        s3.putObject(b -> b.bucket(bucket).key(part), RequestBody.fromBytes(bytes));

        Result altered = run("validate", "--table", table, "--bucket", bucket, "--json");

        assertThat(altered.code).as(altered.err).isEqualTo(1);
        JsonNode r = JSON.readTree(altered.out);
        assertThat(r.get("ok").asBoolean()).isFalse();
        assertThat(r.get("failed").asInt()).isEqualTo(1);
        JsonNode integrity = r.get("checks").get(1);
        assertThat(integrity.get("check").asText()).isEqualTo("s3-backup-integrity");
        assertThat(integrity.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(integrity.get("reason").asText()).contains(part + ": ");
    }

    @Test
    void newestBackupOlderThanTheRpo_fails() throws Exception {
        String table = tableWithBackup(10);
        // The RPO below is 0.72 s: after this wait the backup started well over a second before validate runs.
        Thread.sleep(1_100);

        Result stale = run("validate", "--table", table, "--bucket", bucket, "--max-backup-age-hours", "0.0002");

        assertThat(stale.code).isEqualTo(1);
        assertThat(stale.out).contains("FAIL  s3-backup-age        " + table + "  latest complete backup ")
                .contains(" ago, older than the 0.72 s allowed (RPO)")
                .contains("PASS  s3-backup-integrity  " + table);
    }

    @Test
    void pitrNativeAndDrill_onAHealthyTable_pass() throws Exception {
        String table = tableWithBackup(50);
        ddb.updateContinuousBackups(b -> b.tableName(table).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        ddb.createBackup(b -> b.tableName(table).backupName(table + "-manual"));

        Result all = run("validate", "--table", table, "--bucket", bucket, "--pitr", "--native", "--drill");

        assertThat(all.code).as(all.out + all.err).isZero();
        assertThat(all.out).contains("PASS  pitr                 " + table + "  ENABLED, ")
                .contains("PASS  native-backup        " + table + "  newest AVAILABLE backup " + table + "-manual")
                .contains("PASS  restore-drill        " + table + "  restored and compared 50 items from ")
                .contains("DynamoDB backup validation PASSED: 5 check(s)");
        assertThat(ddb.listTables().tableNames()).noneMatch(t -> t.startsWith(table + "-restore-test-"));
    }

    @Test
    void awsBackup_withOnlyAFailedJob_failsNamingTheJob() throws Exception {
        String table = UniqueName.next("cli-jobs");
        DemoEnvironment.createTable(ddb, table, false);
        String arn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        double created = Instant.now().minusSeconds(7_200).toEpochMilli() / 1000.0;
        backup.stubFor(get(urlPathEqualTo("/backup-jobs/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"BackupJobs\":[{\"AccountId\":\"123456789012\",\"BackupJobId\":\"0D4C9A7E-2B61-4F3D-8E5A-91C7B2D4F6E8\","
                        + "\"BackupVaultName\":\"dynamodb-backup-vault\",\"ResourceArn\":\"" + arn + "\",\"ResourceType\":\"DynamoDB\","
                        + "\"CreationDate\":" + created + ",\"State\":\"FAILED\",\"MessageCategory\":\"AccessDenied\","
                        + "\"StatusMessage\":\"Insufficient privileges to perform this action.\",\"PercentDone\":\"0.0\"}]}")));

        Result jobs = run("validate", "--table", table, "--aws-backup");

        assertThat(jobs.code).as(jobs.err).isEqualTo(1);
        assertThat(jobs.out).contains("FAIL  aws-backup-jobs      " + table + "  no COMPLETED AWS Backup job in the last 24 h: "
                + "FAILED job 0D4C9A7E-2B61-4F3D-8E5A-91C7B2D4F6E8 created ").contains(": Insufficient privileges to perform this action.");
    }

    @Test
    void badUsage_exitsTwoNamingTheOption_andChecksNothing() throws Exception {
        String table = UniqueName.next("cli-usage");
        DemoEnvironment.createTable(ddb, table, false);

        Result none = run("validate", "--table", table);
        assertThat(none.code).isEqualTo(2);
        assertThat(none.err.strip()).isEqualTo("error: checks: none is switched on; give --bucket (S3 backups), --aws-backup, --pitr or --native");

        Result drill = run("validate", "--table", table, "--pitr", "--drill");
        assertThat(drill.code).isEqualTo(2);
        assertThat(drill.err).startsWith("error: --drill: a restore drill restores the latest S3 backup, so it needs the backup bucket; set --bucket");

        Result unknown = run("validate", "--table", table, "--table", "NoSuchTable", "--pitr");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err.strip()).isEqualTo("error: --table: table 'NoSuchTable' does not exist in this account and region; "
                + "check the names and AWS_REGION");

        Result noBucket = run("validate", "--table", table, "--bucket", "no-such-bucket-cli");
        assertThat(noBucket.code).isEqualTo(2);
        assertThat(noBucket.err.strip()).isEqualTo("error: --bucket: bucket 'no-such-bucket-cli' does not exist; check the name and AWS_REGION");

        Result negative = run("validate", "--table", table, "--bucket", bucket, "--max-backup-age-hours", "-1");
        assertThat(negative.code).isEqualTo(2);
        assertThat(negative.err.strip()).isEqualTo("error: --max-backup-age-hours: must be a number of hours above 0 and at most 87600, got -1.0");

        Result lag = run("validate", "--table", table, "--pitr", "--max-pitr-lag-minutes", "0");
        assertThat(lag.code).isEqualTo(2);
        assertThat(lag.err).startsWith("error: --max-pitr-lag-minutes: must be a number of minutes above 0");

        Result help = run("validate", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("--aws-backup").contains("--pitr").contains("--native").contains("--drill").contains("--json");
    }

    /** A table of demo items, backed up with {@code ddb-backup backup} into three data files. */
    private String tableWithBackup(int items) throws Exception {
        String table = UniqueName.next("cli-validate");
        DemoEnvironment.createTable(ddb, table);
        DemoEnvironment.load(ddb, table, items, 2, new PrintWriter(Writer.nullWriter()));
        Result backedUp = run("backup", "--table", table, "--bucket", bucket, "--segments", "3");
        assertThat(backedUp.code).as(backedUp.err).isZero();
        return table;
    }

    private List<String> dataParts(String table) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("dynamodb-backups/" + table + "/")).contents().stream()
                .map(o -> o.key()).filter(k -> k.contains("/data/")).sorted().toList();
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return CliProcess.run(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_ENDPOINT_URL_BACKUP", backup.baseUrl(),
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator"), args);
    }
}
