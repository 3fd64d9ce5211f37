package dev.ddbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OUTPUT_FORMAT: the backup's data line shape, validated when the function starts. */
class BackupConfigTest {

    @Test
    void outputFormat_whenUnset_isTheNativeExportLine() {
        Settings env = new Settings(Map.of("BACKUP_BUCKET", "b-1"));

        assertThat(BackupConfig.from(env).options().outputFormat()).isEqualTo(ItemLineFormat.DYNAMODB_JSON);
        assertThat(env.namesRead()).contains("OUTPUT_FORMAT");
    }

    @ParameterizedTest
    @CsvSource({
        "'', DYNAMODB_JSON",
        "dynamodb-json, DYNAMODB_JSON",
        "DynamoDB-JSON, DYNAMODB_JSON",
        "datapipeline, DATA_PIPELINE",
        "' DataPipeline ', DATA_PIPELINE"})
    void outputFormat_whenSet_namesTheLineShape(String value, ItemLineFormat expected) {
        BackupConfig config = BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "OUTPUT_FORMAT", value)));

        assertThat(config.options().outputFormat()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "true", "DYNAMODB_JSON", "data-pipeline", "ION"})
    void outputFormat_whenUnknown_failsStartNamingTheVariableAndTheAllowedValues(String value) {
        assertThatThrownBy(() -> BackupConfig.from(new Settings(Map.of("BACKUP_BUCKET", "b-1", "OUTPUT_FORMAT", value))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("OUTPUT_FORMAT: must be one of dynamodb-json, datapipeline, got '" + value + "'; dynamodb-json"
                        + " (the default) writes DynamoDB's native export lines, which ImportTable reads, datapipeline writes"
                        + " AWS Data Pipeline export lines")
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("OUTPUT_FORMAT"));
    }

    @Test
    void outputFormat_option_whenUnknown_namesTheOptionItCameFrom() {
        assertThatThrownBy(() -> BackupOptions.outputFormat("--format", "csv"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--format: must be one of dynamodb-json, datapipeline, got 'csv'");
        assertThat(BackupOptions.outputFormat("--format", null)).isEqualTo(ItemLineFormat.DYNAMODB_JSON);
    }
}
