package dev.ddbbackup.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryEventTest {

    private final RecoveryConfig config = RecoveryConfig.from(new Settings(Map.of("BACKUP_BUCKET", "env-bucket")));

    private RecoveryEvent.Command parse(String json) {
        return RecoveryEvent.parse(json.getBytes(StandardCharsets.UTF_8), config);
    }

    private RestoreRequest request(String json) {
        return ((RecoveryEvent.S3Restore) parse(json)).request();
    }

    @Test
    void seedEvent_withoutFile_restoresTheLatestBackupOfTheSameTableIntoIt() {
        RestoreRequest r = request("{\"table_name\":\"app-users\",\"backup_bucket\":\"b1\",\"batch_size\":10}");

        assertThat(r.targetTable()).isEqualTo("app-users");
        assertThat(r.batchSize()).isEqualTo(10);
        assertThat(r.mode()).isEqualTo(RestoreRequest.Mode.OVERWRITE);
        assertThat(r.source()).isEqualTo(new SourceSpec.Backup("b1", "dynamodb-backups", "app-users", null));
    }

    @Test
    void sourceAndTarget_restoreAnotherTablesBackup_withBucketFromTheEnvironment() {
        RestoreRequest r = request("{\"source_table\":\"orders\",\"target_table\":\"orders-copy\",\"mode\":\"fail_if_exists\"}");

        assertThat(r.targetTable()).isEqualTo("orders-copy");
        assertThat(r.mode()).isEqualTo(RestoreRequest.Mode.FAIL_IF_EXISTS);
        assertThat(r.source()).isEqualTo(new SourceSpec.Backup("env-bucket", "dynamodb-backups", "orders", null));
        assertThat(r.batchSize()).isEqualTo(25);
    }

    @Test
    void backupFile_namingAManifest_pinsThatBackup() {
        RestoreRequest r = request("{\"table_name\":\"t1x\",\"backup_file\":\"dynamodb-backups/orders/2026-11-21T01-00-00Z-ab12cd/manifest.json\"}");

        assertThat(r.source()).isEqualTo(new SourceSpec.Backup("env-bucket", "dynamodb-backups", "orders", "2026-11-21T01-00-00Z-ab12cd"));
    }

    @Test
    void restoreId_resumes() {
        assertThat(parse("{\"restore_id\":\"orders-20261121T010000Z-ab12\"}"))
                .isEqualTo(new RecoveryEvent.Resume("env-bucket", "orders-20261121T010000Z-ab12"));
    }

    @Test
    void nativeExports_areListedInAnyOrder() {
        RestoreRequest r = request("{\"table_name\":\"orders\",\"source\":\"native-export\",\"exports\":"
                + "[\"dynamodb-backups/x/AWSDynamoDB/2/\",\"dynamodb-backups/x/AWSDynamoDB/1/\"]}");

        assertThat(r.source()).isEqualTo(new SourceSpec.NativeExport("env-bucket",
                java.util.List.of("dynamodb-backups/x/AWSDynamoDB/2/", "dynamodb-backups/x/AWSDynamoDB/1/")));
    }

    @Test
    void sampleEvents_parseToTheirCommands() throws java.io.IOException {
        RecoveryConfig withRole = RecoveryConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b", "SOURCE_TABLE", "products",
                "RESTORE_ROLE_ARN", "arn:aws:iam::123456789012:role/restore")));
        for (String name : java.util.List.of("recovery-seed-001.json", "recovery-new-table.json", "recovery-resume.json",
                "recovery-pitr.json", "recovery-pitr-at-time.json", "recovery-aws-backup.json")) {
            byte[] event = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../events/" + name));
            assertThat(RecoveryEvent.parse(event, withRole)).as(name).isNotNull();
        }
        assertThat(RecoveryEvent.parse(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../events/recovery-aws-backup.json")), withRole))
                .isInstanceOf(RecoveryEvent.AwsBackup.class);
    }

    @Test
    void badInput_namesTheFieldAndTheFix() {
        assertRefused("{\"restoreType\":\"SNAPSHOT\"}", "restoreType", "PITR or BACKUP");
        assertRefused("{\"restoreType\":\"PITR\",\"source_table\":\"orders\",\"restoreDateTime\":\"yesterday\"}", "restoreDateTime", "ISO");
        assertRefused("{\"restoreType\":\"BACKUP\",\"recoveryPointArn\":\"arn:aws:s3:::bucket\"}", "recoveryPointArn", "arn:");
        assertRefused("{}", "table_name", "is required");
        assertRefused("[1]", "event", "JSON object");
        assertRefused("{\"table_name\":", "event", "not valid JSON");
        assertRefused("{\"table_name\":\"ab\"}", "table_name", "not a valid table name");
        assertRefused("{\"table_name\":\"orders\",\"batch_size\":0}", "batch_size", "between 1 and 25");
        assertRefused("{\"table_name\":\"orders\",\"batch_size\":26}", "batch_size", "between 1 and 25");
        assertRefused("{\"table_name\":\"orders\",\"batch_size\":\"abc\"}", "batch_size", "whole number");
        assertRefused("{\"table_name\":\"orders\",\"batch_size\":2.5}", "batch_size", "whole number");
        assertRefused("{\"table_name\":\"orders\",\"mode\":\"replace\"}", "mode", "overwrite or fail_if_exists");
        assertRefused("{\"table_name\":\"orders\",\"backup_file\":\"dynamodb-backups/../x\"}", "backup_file", "'..'");
        assertRefused("{\"table_name\":\"orders\",\"backup_file\":\"/dynamodb-backups/x\"}", "backup_file", "relative");
        assertRefused("{\"table_name\":\"orders\",\"backup_file\":\"other/x.json\"}", "backup_file", "outside the backup prefix");
        assertRefused("{\"table_name\":\"orders\",\"backup_id\":\"latest\"}", "backup_id", "not a backup id");
        assertRefused("{\"table_name\":\"orders\",\"max_write_capacity\":-5}", "max_write_capacity", "above 0");
        assertRefused("{\"table_name\":\"orders\",\"source\":\"tape\"}", "source", "native-export");
        assertRefused("{\"restore_id\":\"../x\"}", "restore_id", "not a restore id");
    }

    @Test
    void noBucketAnywhere_isRefused() {
        RecoveryConfig noBucket = RecoveryConfig.from(new Settings(Map.of()));
        assertThatThrownBy(() -> RecoveryEvent.parse("{\"table_name\":\"orders\"}".getBytes(StandardCharsets.UTF_8), noBucket))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("backup_bucket:").hasMessageContaining("BACKUP_BUCKET");
    }

    private void assertRefused(String json, String field, String text) {
        assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(field + ":").hasMessageContaining(text);
    }
}
