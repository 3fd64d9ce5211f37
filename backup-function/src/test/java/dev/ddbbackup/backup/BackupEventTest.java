package dev.ddbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupEventTest {

    private final BackupConfig config = BackupConfig.from(new Settings(Map.of(
            "BACKUP_BUCKET", "my-backups", "TABLES", "Default1, Default2", "BACKUP_PREFIX", "nightly")));

    @Test
    void seedEvent_listsTables() throws IOException {
        BackupRequest r = BackupEvent.parse(Files.readAllBytes(Path.of("../events/backup-tables.json")), config);

        assertThat(r.tables()).containsExactly("Orders", "Customers");
        assertThat(r.bucket()).isEqualTo("my-backups");
        assertThat(r.layout().prefix()).isEqualTo("nightly");
    }

    @Test
    void scheduledEnvelope_usesTablesFromEnvironment() throws IOException {
        BackupRequest r = BackupEvent.parse(Files.readAllBytes(Path.of("../events/backup-scheduled.json")), config);

        assertThat(r.tables()).containsExactly("Default1", "Default2");
    }

    @Test
    void scheduledEnvelope_withDetailTables_usesThem() {
        BackupRequest r = parse("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{\"tables\":[\"Abc\"]}}");

        assertThat(r.tables()).containsExactly("Abc");
    }

    @Test
    void emptyEvent_usesTablesFromEnvironment() {
        assertThat(BackupEvent.parse(new byte[0], config).tables()).containsExactly("Default1", "Default2");
        assertThat(parse("{}").tables()).containsExactly("Default1", "Default2");
    }

    @Test
    void badEvents_nameTheFieldAndTheFix() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("event: is not valid JSON").hasMessageContaining("{\"tables\":[\"MyTable\"]}");
        assertThatThrownBy(() -> parse("[1]")).hasMessageStartingWith("event: must be a JSON object");
        assertThatThrownBy(() -> parse("{\"tables\":[]}")).hasMessageStartingWith("tables: is empty");
        assertThatThrownBy(() -> parse("{\"tables\":\"Orders\"}")).hasMessageStartingWith("tables: must be an array");
        assertThatThrownBy(() -> parse("{\"tables\":[42]}")).hasMessageStartingWith("tables: every entry must be a table name string");
        assertThatThrownBy(() -> parse("{\"tables\":[\"a\"]}")).hasMessageContaining("is not a valid table name");
        assertThatThrownBy(() -> parse("{\"tables\":[\"../x\"]}")).hasMessageStartingWith("tables: '../x' is not a valid table name");
    }

    @Test
    void noTablesAnywhere_isAClearError() {
        BackupConfig noDefault = BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "my-backups")));

        assertThatThrownBy(() -> BackupEvent.parse("{}".getBytes(StandardCharsets.UTF_8), noDefault))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tables: no tables to back up");
    }

    @Test
    void config_badEnvironment_namesTheVariable() {
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of())))
                .hasMessageStartingWith("BACKUP_BUCKET: is not set");
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "SCAN_SEGMENTS", "0"))))
                .hasMessage("SCAN_SEGMENTS: must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "SCAN_SEGMENTS", "1001"))))
                .hasMessage("SCAN_SEGMENTS: must be between 1 and 1000, got 1001");
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "BACKUP_PREFIX", "../up"))))
                .hasMessageStartingWith("BACKUP_PREFIX: must not contain '.' or '..' segments");
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "MAX_READ_CAPACITY_FRACTION", "1.5"))))
                .hasMessageStartingWith("MAX_READ_CAPACITY_FRACTION: must be between");
    }

    @Test
    void request_badBucketOrSegments_isRefused() {
        assertThatThrownBy(() -> new BackupRequest(java.util.List.of("Orders"), "Bad_Bucket", null, null))
                .hasMessageStartingWith("bucket: 'Bad_Bucket' is not a valid S3 bucket name");
        assertThatThrownBy(() -> new BackupRequest(java.util.List.of("Orders"), "ok-bucket", null, 0))
                .hasMessage("segments: must be between 1 and 1000, got 0");
    }

    private BackupRequest parse(String json) {
        return BackupEvent.parse(json.getBytes(StandardCharsets.UTF_8), config);
    }
}
