package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.format.CorruptBackupException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataPipelineManifestTest {

    private static final String BUCKET = "backups";
    private static final String FOLDER = "exports/orders/2015-01-01-00-00-00/";

    @Test
    void parse_whenDataPipelineManifest_listsEntriesInOrder() {
        String json = "{\"name\":\"DynamoDB-export\",\"version\":3,\"entries\":["
                + "{\"url\":\"s3://backups/exports/orders/2015-01-01-00-00-00/b-0002\",\"mandatory\":true},"
                + "{\"url\":\"s3://backups/exports/orders/2015-01-01-00-00-00/a-0001\",\"mandatory\":false},"
                + "{\"url\":\"s3://backups/exports/orders/2015-01-01-00-00-00/sub/c-0003\"}]}";

        DataPipelineManifest manifest = parse(json);

        assertThat(manifest.entries()).containsExactly(
                new DataPipelineManifest.Entry(FOLDER + "b-0002", true),
                new DataPipelineManifest.Entry(FOLDER + "a-0001", false),
                new DataPipelineManifest.Entry(FOLDER + "sub/c-0003", true));
    }

    @Test
    void parse_whenNoEntries_isEmpty() {
        assertThat(parse("{\"name\":\"DynamoDB-export\",\"version\":3,\"entries\":[]}").entries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://other-bucket/exports/orders/2015-01-01-00-00-00/a",
        "s3://backups-2/exports/orders/2015-01-01-00-00-00/a",
        "https://backups.s3.amazonaws.com/exports/orders/2015-01-01-00-00-00/a",
        "s3://backups/exports/orders/other/a",
        "s3://backups/exports/orders/2015-01-01-00-00-00/../secrets/a",
        "s3://backups/exports/orders/2015-01-01-00-00-00/",
    })
    void parse_whenEntryPointsOutsideTheFolder_refusesIt(String url) {
        String json = "{\"name\":\"DynamoDB-export\",\"entries\":[{\"url\":\"" + url + "\",\"mandatory\":true}]}";

        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(FOLDER + "manifest: entries[0] points outside");
    }

    @Test
    void parse_whenEntryRepeats_refusesIt() {
        String url = "{\"url\":\"s3://backups/" + FOLDER + "a\"}";

        assertThatThrownBy(() -> parse("{\"entries\":[" + url + "," + url + "]}"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FOLDER + "manifest: entries[1] lists " + FOLDER + "a a second time");
    }

    @Test
    void parse_whenNotJson_saysSoWithoutQuotingIt() {
        assertThatThrownBy(() -> parse("{\"entries\": secret"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(FOLDER + "manifest: is not valid JSON")
                .hasMessageNotContaining("secret");
    }

    @Test
    void parse_whenEntriesMissing_saysWhatIsNeeded() {
        assertThatThrownBy(() -> parse("{\"name\":\"DynamoDB-export\"}"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FOLDER + "manifest: has no 'entries' array listing the export's data files");
    }

    @Test
    void parse_whenAnotherKindOfManifest_refusesIt() {
        assertThatThrownBy(() -> parse("{\"name\":\"something-else\",\"entries\":[]}"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("not a Data Pipeline DynamoDB export manifest");
    }

    @Test
    void parse_whenUrlOrMandatoryHasWrongType_namesTheEntry() {
        assertThatThrownBy(() -> parse("{\"entries\":[{\"url\":1}]}"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FOLDER + "manifest: entries[0] has no 'url' string");
        assertThatThrownBy(() -> parse("{\"entries\":[{\"url\":\"s3://backups/" + FOLDER + "a\",\"mandatory\":\"yes\"}]}"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FOLDER + "manifest: entries[0] has a 'mandatory' that is not true or false");
    }

    private static DataPipelineManifest parse(String json) {
        return DataPipelineManifest.parse(json.getBytes(StandardCharsets.UTF_8), BUCKET, FOLDER);
    }
}
