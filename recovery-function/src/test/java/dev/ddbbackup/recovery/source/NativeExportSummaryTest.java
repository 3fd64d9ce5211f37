package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.CorruptBackupException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NativeExportSummaryTest {

    private static final NativeExportFolder FULL = NativeExportFolder.of("AWSDynamoDB/01700000000000-aaaa1111/");
    private static final NativeExportFolder INCREMENTAL = NativeExportFolder.of("AWSDynamoDB/01700000900000-bbbb2222/");

    /** The shape of a real full export's summary: version 2020-06-30, no exportType. */
    private static final String FULL_SUMMARY = """
            {"version":"2020-06-30","exportArn":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders/export/01700000000000-aaaa1111",\
            "startTime":"2026-01-14T10:18:50.622Z","endTime":"2026-01-14T10:24:58.984Z",\
            "tableArn":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders","tableId":"c0ffee00-0000-4000-8000-000000000001",\
            "exportTime":"2026-01-14T10:18:50.622Z","s3Bucket":"exports","s3Prefix":null,"s3SseAlgorithm":"AES256",\
            "s3SseKmsKeyId":null,"manifestFilesS3Key":"AWSDynamoDB/01700000000000-aaaa1111/manifest-files.json",\
            "billedSizeBytes":0,"itemCount":3,"outputFormat":"DYNAMODB_JSON"}""";

    /** The shape of a real incremental export's summary: version 2023-08-01, a window, outputView, exportType. */
    private static final String INCREMENTAL_SUMMARY = """
            {"version":"2023-08-01","exportArn":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders/export/01700000900000-bbbb2222",\
            "startTime":"2026-01-14T10:35:24.000Z","endTime":"2026-01-14T10:40:27.622Z",\
            "tableArn":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders","tableId":"c0ffee00-0000-4000-8000-000000000001",\
            "exportFromTime":"2026-01-14T10:18:00.000Z","exportToTime":"2026-01-14T10:35:00.000Z","s3Bucket":"exports",\
            "s3Prefix":null,"s3SseAlgorithm":"AES256","s3SseKmsKeyId":null,\
            "manifestFilesS3Key":"AWSDynamoDB/01700000900000-bbbb2222/manifest-files.json","billedSizeBytes":10000000,\
            "itemCount":6,"outputFormat":"DYNAMODB_JSON","outputView":"NEW_AND_OLD_IMAGES","exportType":"INCREMENTAL_EXPORT"}""";

    @Test
    void parse_whenFullExportWithoutExportType_isFullAtExportTime() {
        NativeExportSummary summary = parse(FULL, FULL_SUMMARY);

        assertThat(summary.incremental()).isFalse();
        assertThat(summary.exportTime()).isEqualTo(Instant.parse("2026-01-14T10:18:50.622Z"));
        assertThat(summary.itemCount()).isEqualTo(3);
        assertThat(summary.tableArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/orders");
        assertThat(summary.window()).isEqualTo("full export at 2026-01-14T10:18:50.622Z");
    }

    @Test
    void parse_whenIncremental_hasItsWindow() {
        NativeExportSummary summary = parse(INCREMENTAL, INCREMENTAL_SUMMARY);

        assertThat(summary.incremental()).isTrue();
        assertThat(summary.exportFromTime()).isEqualTo(Instant.parse("2026-01-14T10:18:00Z"));
        assertThat(summary.exportToTime()).isEqualTo(Instant.parse("2026-01-14T10:35:00Z"));
        assertThat(summary.exportTime()).isNull();
        assertThat(summary.itemCount()).isEqualTo(6);
    }

    @Test
    void parse_whenIonOutput_refusesAsUnsupported() {
        assertThatThrownBy(() -> parse(FULL, FULL_SUMMARY.replace("\"DYNAMODB_JSON\"", "\"ION\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWSDynamoDB/01700000000000-aaaa1111/ is an Amazon Ion export")
                .hasMessageContaining("ExportFormat DYNAMODB_JSON");
    }

    @Test
    void parse_whenIncrementalLacksItsWindow_namesTheField() {
        assertThatThrownBy(() -> parse(INCREMENTAL, INCREMENTAL_SUMMARY.replace("\"exportToTime\"", "\"exportToTimeX\"")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage("AWSDynamoDB/01700000900000-bbbb2222/manifest-summary.json: exportToTime is missing");
    }

    @Test
    void parse_whenFullLacksExportTime_namesTheField() {
        assertThatThrownBy(() -> parse(FULL, FULL_SUMMARY.replace("\"exportTime\":\"2026-01-14T10:18:50.622Z\",", "")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageEndingWith("exportTime is missing");
    }

    @Test
    void parse_whenTimeIsNotIso_namesTheField() {
        assertThatThrownBy(() -> parse(FULL, FULL_SUMMARY.replace("\"exportTime\":\"2026-01-14T10:18:50.622Z\"",
                "\"exportTime\":\"14/01/2026\"")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("exportTime is not an ISO-8601 UTC time");
    }

    @Test
    void parse_whenItemCountMissing_refuses() {
        assertThatThrownBy(() -> parse(FULL, FULL_SUMMARY.replace("\"itemCount\":3,", "")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("itemCount is missing");
    }

    @Test
    void parse_whenUnknownExportType_refuses() {
        assertThatThrownBy(() -> parse(INCREMENTAL, INCREMENTAL_SUMMARY.replace("INCREMENTAL_EXPORT", "DIFF_EXPORT")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("exportType is DIFF_EXPORT");
    }

    @Test
    void parse_whenManifestFilesKeyNamesAnotherExport_refuses() {
        assertThatThrownBy(() -> parse(FULL, FULL_SUMMARY.replace("01700000000000-aaaa1111/manifest-files.json",
                "01700000000000-zzzz9999/manifest-files.json")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("is not the manifest-files.json of this export folder");
    }

    @Test
    void parse_whenNotJson_refuses() {
        assertThatThrownBy(() -> parse(FULL, "{\"version\":"))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith("AWSDynamoDB/01700000000000-aaaa1111/manifest-summary.json: is not valid JSON");
    }

    private static NativeExportSummary parse(NativeExportFolder folder, String json) {
        return NativeExportSummary.parse(folder, json.getBytes(StandardCharsets.UTF_8));
    }
}
