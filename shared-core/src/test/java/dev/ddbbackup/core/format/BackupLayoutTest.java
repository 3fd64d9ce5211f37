package dev.ddbbackup.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupLayoutTest {

    private final BackupId id = new BackupId("2026-11-21T01-00-00Z-abc123");

    @Test
    void keys_followTheFormat() {
        BackupLayout layout = new BackupLayout("team/backups/");

        assertThat(layout.prefix()).isEqualTo("team/backups");
        assertThat(layout.dataKey("Orders", id, 3, 12))
                .isEqualTo("team/backups/Orders/2026-11-21T01-00-00Z-abc123/data/0003-00012.json.gz");
        assertThat(layout.manifestKey("Orders", id)).isEqualTo("team/backups/Orders/2026-11-21T01-00-00Z-abc123/manifest.json");
        assertThat(layout.manifestFilesKey("Orders", id))
                .isEqualTo("team/backups/Orders/2026-11-21T01-00-00Z-abc123/manifest-files.json");
    }

    @Test
    void emptyPrefix_putsTablesAtBucketRoot() {
        assertThat(new BackupLayout("").tableFolder("Orders")).isEqualTo("Orders/");
    }

    @Test
    void nullPrefix_usesDefault() {
        assertThat(new BackupLayout(null).prefix()).isEqualTo("dynamodb-backups");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "a/../b", "..", "a/./b", "bad\u0001char", "tab\there", "a//b"})
    void badPrefix_isRefusedNamingTheField(String prefix) {
        assertThatThrownBy(() -> new BackupLayout(prefix))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("prefix: ")
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("prefix"));
    }

    @Test
    void resolveDataKey_acceptsFullAndRelativeKeys_refusesEscapes() {
        BackupLayout layout = new BackupLayout("p");
        String folder = layout.backupFolder("Orders", id);

        assertThat(layout.resolveDataKey("Orders", id, folder + "data/0000-00001.json.gz")).isEqualTo(folder + "data/0000-00001.json.gz");
        assertThat(layout.resolveDataKey("Orders", id, "data/0000-00001.json.gz")).isEqualTo(folder + "data/0000-00001.json.gz");
        // a backup copied from another prefix keeps its old full keys; they are rebased onto this folder
        assertThat(layout.resolveDataKey("Orders", id, "old/prefix/Orders/2026-11-21T01-00-00Z-abc123/data/0000-00001.json.gz"))
                .isEqualTo(folder + "data/0000-00001.json.gz");
        assertThatThrownBy(() -> layout.resolveDataKey("Orders", id, "data/../../Other/x.json.gz"))
                .isInstanceOf(CorruptBackupException.class).hasMessageContaining("outside the backup's data/ folder");
        // whatever a manifest line says, the resolved key stays inside this backup's data/ folder
        assertThat(layout.resolveDataKey("Orders", id, "p/Other/2026-11-21T01-00-00Z-abc123/data/x.json.gz"))
                .isEqualTo(folder + "data/x.json.gz");
        assertThatThrownBy(() -> layout.resolveDataKey("Orders", id, "manifest.json"))
                .isInstanceOf(CorruptBackupException.class);
    }

    @Test
    void backupId_sortsByTimeAndRoundTripsItsStart() {
        BackupId earlier = BackupId.forStart(Instant.parse("2026-11-21T01:00:00.900Z"));
        BackupId later = BackupId.forStart(Instant.parse("2026-11-21T01:00:01Z"));

        assertThat(earlier.value()).startsWith("2026-11-21T01-00-00Z-").hasSize(27);
        assertThat(earlier).isLessThan(later);
        assertThat(earlier.startedAt()).isEqualTo(Instant.parse("2026-11-21T01:00:00Z"));
        assertThat(BackupId.isValid("2026-11-21T01-00-00Z-ABC123")).isFalse();
        assertThat(BackupId.isValid("../../etc")).isFalse();
    }
}
