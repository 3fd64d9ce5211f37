package dev.ddbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.cli.CliProcess.Result;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code ddb-backup rotate} as a user runs it, in its own JVM, against moto's real CreateBackup,
 * ListBackups and DeleteBackup; what is left is read back with ListBackups.
 */
@ExtendWith(MotoExtension.class)
class RotateCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DynamoDbClient ddb;
    private final MotoServer moto;

    RotateCliIT(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeAll
    static void client(MotoServer moto) {
        ddb = moto.configure(DynamoDbClient.builder()).build();
    }

    @AfterAll
    static void close() {
        ddb.close();
    }

    @Test
    void rotate_fiveTimesKeepingThree_leavesExactlyTheThreeNewestUserBackups() throws Exception {
        String table = createTable("movies");
        List<String> created = new ArrayList<>();

        for (int run = 1; run <= 5; run++) {
            Result r = run("rotate", "--table", table, "--keep", "3", "--json");
            assertThat(r.code).as(r.err).isZero();
            JsonNode out = JSON.readTree(r.out);
            assertThat(out.get("ok").asBoolean()).isTrue();
            JsonNode t = out.get("tables").get(0);
            created.add(t.get("created").get("arn").asText());
            assertThat(t.get("deleted")).hasSize(run <= 3 ? 0 : 1);
            assertThat(t.get("retained")).hasSize(Math.min(run, 3));
        }

        assertThat(userBackups(table)).containsExactly(created.get(4), created.get(3), created.get(2));
    }

    @Test
    void rotate_textOutput_namesWhatWasCreatedDeletedAndKept_andDryRunChangesNothing() throws Exception {
        String table = createTable("orders");
        assertThat(run("rotate", "--table", table, "--keep", "1").code).isZero();

        Result dry = run("rotate", "--table", table, "--keep", "1", "--dry-run");

        assertThat(dry.code).as(dry.err).isZero();
        List<String> before = userBackups(table);
        assertThat(before).hasSize(1);
        assertThat(dry.out).contains(table + ": would delete " + table + "-").contains("beyond the 1 newest")
                .contains(table + ": 0 backup(s) kept besides the one a real run would create");
        assertThat(userBackups(table)).isEqualTo(before);

        Result real = run("rotate", "--table", table, "--keep", "1");

        assertThat(real.code).as(real.err).isZero();
        assertThat(real.out).contains(table + ": created  " + table + "-").contains(table + ": deleted  " + table + "-")
                .contains(table + ": 1 backup(s) kept: " + table + "-");
        assertThat(userBackups(table)).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void rotate_unknownTable_exitsOne_namingIt_andStillRotatesTheOtherTable() throws Exception {
        String table = createTable("users");

        Result r = run("rotate", "--table", "No_Such_Table", "--table", table);

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("No_Such_Table: FAILED: table 'No_Such_Table' does not exist");
        assertThat(userBackups(table)).hasSize(1);
        assertThat(userBackups("No_Such_Table")).isEmpty();
    }

    @Test
    void rotate_badUsage_exitsTwoNamingTheOption_andCreatesNothing() throws Exception {
        String table = createTable("bad");

        Result zero = run("rotate", "--table", table, "--keep", "0");
        assertThat(zero.code).isEqualTo(2);
        assertThat(zero.err.strip()).isEqualTo("error: --keep: must be between 1 and 1000 (backups to keep, the new one included), got 0");

        Result age = run("rotate", "--table", table, "--max-age-days", "-1");
        assertThat(age.code).isEqualTo(2);
        assertThat(age.err).startsWith("error: --max-age-days: must be between 1 and 36500 days, got -1");

        Result notNumber = run("rotate", "--table", table, "--keep", "three");
        assertThat(notNumber.code).isEqualTo(2);
        assertThat(notNumber.err).contains("--keep");

        Result badName = run("rotate", "--table", "x");
        assertThat(badName.code).isEqualTo(2);
        assertThat(badName.err).contains("--table: 'x' is not a valid table name");

        Result noTable = run("rotate");
        assertThat(noTable.code).isEqualTo(2);
        assertThat(noTable.err).contains("--table");

        assertThat(userBackups(table)).isEmpty();
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return CliProcess.run(Map.of("AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator"), args);
    }

    private static List<String> userBackups(String table) {
        return ddb.listBackups(b -> b.tableName(table)).backupSummaries().stream()
                .filter(s -> "USER".equals(s.backupTypeAsString()))
                .sorted((a, b) -> b.backupCreationDateTime().compareTo(a.backupCreationDateTime()))
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
