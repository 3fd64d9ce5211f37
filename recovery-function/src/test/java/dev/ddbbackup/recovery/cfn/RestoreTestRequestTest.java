package dev.ddbbackup.recovery.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreTestRequestTest {

    private static final Instant STARTED = Instant.parse("2026-11-21T01:02:03Z");
    private static final RestoreTestConfig NO_DEFAULTS = RestoreTestConfig.from(new Settings(Map.of()));

    @Test
    void fromProperties_whenAllGiven_usesThemAndNamesAFreshScratchTable() {
        RestoreTestRequest r = RestoreTestRequest.fromProperties(
                Map.of("TableName", "Orders", "BackupBucket", "my-backups", "BackupPrefix", "team/backups/"), NO_DEFAULTS, STARTED);

        assertThat(r.tableName()).isEqualTo("Orders");
        assertThat(r.backupBucket()).isEqualTo("my-backups");
        assertThat(r.prefix()).isEqualTo("team/backups");
        assertThat(r.layout().tableFolder("Orders")).isEqualTo("team/backups/Orders/");
        assertThat(r.scratchTable()).matches("Orders-restore-test-20261121T010203Z-[0-9a-f]{4}");
    }

    @Test
    void fromProperties_whenPrefixAbsent_usesTheDefaultPrefix() {
        RestoreTestRequest r = RestoreTestRequest.fromProperties(Map.of("TableName", "Orders", "BackupBucket", "b-1"),
                NO_DEFAULTS, STARTED);

        assertThat(r.prefix()).isEqualTo("dynamodb-backups");
    }

    @Test
    void fromProperties_whenTableMissing_namesThePropertyAndTheVariable() {
        assertThatThrownBy(() -> RestoreTestRequest.fromProperties(Map.of("BackupBucket", "my-backups"), NO_DEFAULTS, STARTED))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TableName: is not set")
                .hasMessageContaining("RESTORE_TEST_TABLE")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("TableName");
    }

    @Test
    void fromProperties_whenBucketMissing_namesThePropertyAndTheVariable() {
        assertThatThrownBy(() -> RestoreTestRequest.fromProperties(Map.of("TableName", "Orders"), NO_DEFAULTS, STARTED))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BackupBucket: is not set")
                .hasMessageContaining("BACKUP_BUCKET");
    }

    @Test
    void fromProperties_whenTableIsAnArn_saysToUseTheName() {
        assertThatThrownBy(() -> RestoreTestRequest.fromProperties(
                Map.of("TableName", "arn:aws:dynamodb:us-east-1:123456789012:table/Orders", "BackupBucket", "b-1"), NO_DEFAULTS, STARTED))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TableName: must be a DynamoDB table name")
                .hasMessageContaining("not an ARN");
    }

    @Test
    void fromProperties_whenPrefixEscapes_namesBackupPrefix() {
        assertThatThrownBy(() -> RestoreTestRequest.fromProperties(
                Map.of("TableName", "Orders", "BackupBucket", "b-1", "BackupPrefix", "../other"), NO_DEFAULTS, STARTED))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BackupPrefix: must not contain '.' or '..' segments")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("BackupPrefix");
    }

    @Test
    void scratchTableName_forALongTable_staysWithinDynamoDbsLimit() {
        String table = "T".repeat(255);

        String scratch = RestoreTestRequest.scratchTableName(table, STARTED);

        assertThat(scratch).hasSize(255).endsWith(scratch.substring(scratch.indexOf("-restore-test-")));
        assertThat(new RestoreTestRequest(table, "b-1", null, scratch).scratchTable()).isEqualTo(scratch);
    }

    @Test
    void constructor_whenScratchTableIsTheTableUnderTest_refuses() {
        assertThatThrownBy(() -> new RestoreTestRequest("Orders", "b-1", "p", "Orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be the table under test");
    }

    @Test
    void config_whenEnvironmentDefaultIsInvalid_namesTheVariable() {
        assertThatThrownBy(() -> RestoreTestConfig.from(new Settings(Map.of("BACKUP_BUCKET", "s3://b"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BACKUP_BUCKET: must be a bucket name");
        assertThatThrownBy(() -> RestoreTestConfig.from(new Settings(Map.of("RESPONSE_MARGIN_SECONDS", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("RESPONSE_MARGIN_SECONDS: must be between 0.1 and 600.0");
    }

    @Test
    void config_defaults_keepThirtySecondsToAnswerAndAMinuteToCleanUp() {
        RestoreTestConfig c = RestoreTestConfig.from(new Settings(Map.of()));

        assertThat(c.responseMargin()).hasSeconds(30);
        assertThat(c.cleanupMargin()).hasSeconds(60);
        assertThat(c.defaultPrefix()).isEqualTo("dynamodb-backups");
        assertThat(c.defaultTable()).isNull();
        assertThat(c.defaultBucket()).isNull();
    }
}
