package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NativeExportFolderTest {

    private static final String ID = "01768385930622-efd1a093";

    @ParameterizedTest
    @ValueSource(strings = {"exports/2026/AWSDynamoDB/" + ID + "/", "exports/2026/AWSDynamoDB/" + ID,
            "exports/2026/AWSDynamoDB/" + ID + "/manifest-summary.json"})
    void of_whenFolderOrSummaryKey_findsFolderIdAndRoot(String key) {
        NativeExportFolder folder = NativeExportFolder.of(key);

        assertThat(folder.folder()).isEqualTo("exports/2026/AWSDynamoDB/" + ID + "/");
        assertThat(folder.exportId()).isEqualTo(ID);
        assertThat(folder.root()).isEqualTo("exports/2026/");
        assertThat(folder.summaryKey()).isEqualTo("exports/2026/AWSDynamoDB/" + ID + "/manifest-summary.json");
        assertThat(folder.manifestFilesKey()).isEqualTo("exports/2026/AWSDynamoDB/" + ID + "/manifest-files.json");
    }

    @Test
    void of_whenExportHasNoPrefix_rootIsEmpty() {
        NativeExportFolder folder = NativeExportFolder.of("AWSDynamoDB/" + ID + "/manifest-summary.json");

        assertThat(folder.root()).isEmpty();
        assertThat(folder.folder()).isEqualTo("AWSDynamoDB/" + ID + "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "backups/orders/", "AWSDynamoDB/", "AWSDynamoDB/data/", "x/AWSDynamoDB/" + ID + "/data/",
            "notAWSDynamoDB/" + ID + "/", "s3://bucket/AWSDynamoDB/" + ID + "/"})
    void of_whenNotAnExportFolder_refusesNamingTheInput(String key) {
        assertThatThrownBy(() -> NativeExportFolder.of(key))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(NativeExportSource.INPUT_FIELD + ": ")
                .hasMessageContaining("AWSDynamoDB/01700000000000-abcd1234/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWSDynamoDB/" + ID + "/data/a.json.gz", "exports/2026/AWSDynamoDB/" + ID + "/data/a.json.gz",
            "moved-from/elsewhere/AWSDynamoDB/" + ID + "/data/a.json.gz"})
    void resolveDataKey_whenFullExportKeyWithOrWithoutPrefix_resolvesUnderThisFolder(String keyInManifest) {
        NativeExportFolder folder = NativeExportFolder.of("exports/2026/AWSDynamoDB/" + ID + "/");

        assertThat(folder.resolveDataKey(keyInManifest, false))
                .isEqualTo("exports/2026/AWSDynamoDB/" + ID + "/data/a.json.gz");
    }

    @Test
    void resolveDataKey_whenIncrementalSharedDataFolder_resolvesUnderTheRoot() {
        NativeExportFolder folder = NativeExportFolder.of("exports/AWSDynamoDB/" + ID + "/");

        assertThat(folder.resolveDataKey("AWSDynamoDB/data/b.json.gz", true)).isEqualTo("exports/AWSDynamoDB/data/b.json.gz");
        assertThat(folder.resolveDataKey("exports/AWSDynamoDB/data/b.json.gz", true)).isEqualTo("exports/AWSDynamoDB/data/b.json.gz");
    }

    @Test
    void resolveDataKey_whenFullExportNamesSharedDataFolder_refuses() {
        NativeExportFolder folder = NativeExportFolder.of("AWSDynamoDB/" + ID + "/");

        assertThatThrownBy(() -> folder.resolveDataKey("AWSDynamoDB/data/b.json.gz", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the export's data folder AWSDynamoDB/" + ID + "/data/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWSDynamoDB/" + ID + "/data/../../secrets/x.json.gz", "AWSDynamoDB/" + ID + "/data/./x.gz",
            "AWSDynamoDB/" + ID + "/data//x.gz", "/AWSDynamoDB/" + ID + "/data/x.gz"})
    void resolveDataKey_whenDotDotOrEmptySegment_refuses(String keyInManifest) {
        NativeExportFolder folder = NativeExportFolder.of("AWSDynamoDB/" + ID + "/");

        assertThatThrownBy(() -> folder.resolveDataKey(keyInManifest, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'..'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWSDynamoDB/01700000000000-other/data/x.json.gz", "AWSDynamoDB/" + ID + "/x.json.gz",
            "AWSDynamoDB/" + ID + "/data/sub/x.json.gz", "elsewhere/x.json.gz", "xAWSDynamoDB/" + ID + "/data/x.gz"})
    void resolveDataKey_whenOutsideTheExport_refuses(String keyInManifest) {
        NativeExportFolder folder = NativeExportFolder.of("AWSDynamoDB/" + ID + "/");

        assertThatThrownBy(() -> folder.resolveDataKey(keyInManifest, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is outside the export's data folder");
    }

    @Test
    void isOwnManifestFiles_acceptsOnlyThisFoldersManifest() {
        NativeExportFolder folder = NativeExportFolder.of("p/AWSDynamoDB/" + ID + "/");

        assertThat(folder.isOwnManifestFiles("AWSDynamoDB/" + ID + "/manifest-files.json")).isTrue();
        assertThat(folder.isOwnManifestFiles("p/AWSDynamoDB/" + ID + "/manifest-files.json")).isTrue();
        assertThat(folder.isOwnManifestFiles("p/AWSDynamoDB/01700000000000-other/manifest-files.json")).isFalse();
    }
}
