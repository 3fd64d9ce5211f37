package dev.ddbbackup.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationEventTest {

    private static final RotationConfig WITH_TABLES = RotationConfig.from(new Settings(Map.of("TABLES", "Orders, Users",
            "MAX_BACKUPS", "5", "MAX_AGE_DAYS", "30")));
    private static final RotationConfig NO_TABLES = RotationConfig.from(new Settings(Map.of()));

    @Test
    void parse_seedConsoleEvent_rotatesThatTableWithTheConfiguredPolicy() throws IOException {
        RotationRequest r = RotationEvent.parse(Files.readAllBytes(Path.of("../events/rotation-movies.json")), WITH_TABLES);

        assertThat(r.tables()).containsExactly("Movies");
        assertThat(r.policy()).isEqualTo(new RetentionPolicy(5, 30));
        assertThat(r.dryRun()).isFalse();
    }

    @Test
    void parse_scheduledEnvelope_usesTablesFromTheEnvironment() throws IOException {
        RotationRequest r = RotationEvent.parse(Files.readAllBytes(Path.of("../events/rotation-scheduled.json")), WITH_TABLES);

        assertThat(r.tables()).containsExactly("Orders", "Users");
    }

    @Test
    void parse_scheduledEnvelopeWithDetail_usesTheDetail() {
        RotationRequest r = parse("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                + "\"detail\":{\"TableName\":\"Movies\",\"dry_run\":true}}", WITH_TABLES);

        assertThat(r.tables()).containsExactly("Movies");
        assertThat(r.dryRun()).isTrue();
    }

    @Test
    void parse_tablesList_isDeduplicatedInOrder() {
        assertThat(parse("{\"tables\":[\"Movies\",\"Orders\",\"Movies\"]}", NO_TABLES).tables()).containsExactly("Movies", "Orders");
    }

    @Test
    void parse_emptyEvents_useTables() {
        assertThat(RotationEvent.parse(new byte[0], WITH_TABLES).tables()).containsExactly("Orders", "Users");
        assertThat(parse("{}", WITH_TABLES).tables()).containsExactly("Orders", "Users");
        assertThat(parse("null", WITH_TABLES).tables()).containsExactly("Orders", "Users");
        assertThat(parse("{\"dry_run\":true}", WITH_TABLES).dryRun()).isTrue();
    }

    @Test
    void parse_noTableAnywhere_namesTheFieldAndTheFix() {
        assertThatThrownBy(() -> parse("{}", NO_TABLES)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TableName: no table to rotate").hasMessageContaining("set TABLES");
    }

    @Test
    void parse_badInput_isRefusedNamingTheField() {
        assertThatThrownBy(() -> parse("{\"TableName\":\"x\"}", NO_TABLES))
                .hasMessageStartingWith("TableName: 'x' is not a valid table name");
        assertThatThrownBy(() -> parse("{\"TableName\":42}", NO_TABLES)).hasMessageStartingWith("TableName: must be a table name string");
        assertThatThrownBy(() -> parse("{\"TableName\":\"Movies\",\"tables\":[\"Orders\"]}", NO_TABLES))
                .hasMessage("TableName: give either TableName (one table) or tables (a list), not both");
        assertThatThrownBy(() -> parse("{\"tables\":\"Movies\"}", NO_TABLES)).hasMessageStartingWith("tables: must be an array");
        assertThatThrownBy(() -> parse("{\"tables\":[]}", NO_TABLES)).hasMessageStartingWith("tables: is empty");
        assertThatThrownBy(() -> parse("{\"tables\":[\"Movies\",\"a b\"]}", NO_TABLES))
                .hasMessageStartingWith("tables: 'a b' is not a valid table name");
        assertThatThrownBy(() -> parse("{\"TableName\":\"Movies\",\"dry_run\":\"yes\"}", NO_TABLES))
                .hasMessageStartingWith("dry_run: must be true or false");
        assertThatThrownBy(() -> parse("TableName=Movies", NO_TABLES)).hasMessageStartingWith("event: is not valid JSON");
        assertThatThrownBy(() -> parse("[\"Movies\"]", NO_TABLES)).hasMessageStartingWith("event: must be a JSON object");
    }

    @Test
    void config_badEnvironment_namesTheVariable() {
        assertThatThrownBy(() -> RotationConfig.from(new Settings(Map.of("MAX_BACKUPS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("MAX_BACKUPS: must be between 1 and 1000");
        assertThatThrownBy(() -> RotationConfig.from(new Settings(Map.of("MAX_BACKUPS", "three"))))
                .hasMessage("MAX_BACKUPS: must be a whole number between 1 and 1000, got 'three'");
        assertThatThrownBy(() -> RotationConfig.from(new Settings(Map.of("MAX_AGE_DAYS", "-1"))))
                .hasMessageStartingWith("MAX_AGE_DAYS: must be between 1 and 36500");
        assertThatThrownBy(() -> RotationConfig.from(new Settings(Map.of("TABLES", "Movies,x"))))
                .hasMessageStartingWith("TABLES: 'x' is not a valid table name");
        assertThatThrownBy(() -> RotationConfig.from(new Settings(Map.of("AVAILABLE_WAIT_SECONDS", "0"))))
                .hasMessageStartingWith("AVAILABLE_WAIT_SECONDS:");
    }

    @Test
    void config_defaults_keepThreeByCountOnly() {
        assertThat(NO_TABLES.policy()).isEqualTo(new RetentionPolicy(3, null));
        assertThat(NO_TABLES.metricsNamespace()).isEqualTo("BackupDR/Rotation");
        assertThat(NO_TABLES.availableWait()).isEqualTo(RotationService.DEFAULT_AVAILABLE_WAIT);
        assertThat(NO_TABLES.defaultTables()).isEqualTo(List.of());
    }

    private static RotationRequest parse(String json, RotationConfig config) {
        return RotationEvent.parse(json.getBytes(StandardCharsets.UTF_8), config);
    }
}
