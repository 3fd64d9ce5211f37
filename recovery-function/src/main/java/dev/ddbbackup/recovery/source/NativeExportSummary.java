package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.FormatJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What a native export's {@code manifest-summary.json} says about it: which table, full or
 * incremental, the time it reflects and how many items it holds.
 *
 * <p>Full exports (summary version 2020-06-30) have {@code exportTime} and no {@code exportType};
 * incremental ones (version 2023-08-01) have {@code exportType: INCREMENTAL_EXPORT},
 * {@code exportFromTime} (inclusive), {@code exportToTime} (exclusive) and {@code outputView}.
 *
 * @param exportTime     a full export's point in time; null for an incremental one
 * @param exportFromTime an incremental export's inclusive start; null for a full one
 * @param exportToTime   an incremental export's exclusive end; null for a full one
 */
record NativeExportSummary(NativeExportFolder folder, String exportArn, String tableArn, boolean incremental,
        Instant exportTime, Instant exportFromTime, Instant exportToTime, long itemCount, String manifestFilesS3Key) {

    NativeExportSummary {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(tableArn, "tableArn");
        if (incremental ? exportFromTime == null || exportToTime == null || exportTime != null
                : exportTime == null || exportFromTime != null || exportToTime != null) {
            throw new IllegalArgumentException("a full export has exportTime only; an incremental one exportFromTime and exportToTime");
        }
        if (itemCount < 0) {
            throw new IllegalArgumentException("itemCount must not be negative");
        }
    }

    /**
     * Parses a summary.
     *
     * @throws CorruptBackupException naming the summary key when it is not a valid summary
     * @throws ConfigException        when the export is valid but cannot be restored (Amazon Ion output)
     */
    static NativeExportSummary parse(NativeExportFolder folder, byte[] json) {
        String key = folder.summaryKey();
        JsonNode root;
        try {
            root = FormatJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CorruptBackupException(key, "is not valid JSON: " + ErrorText.firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new CorruptBackupException(key, "is not a JSON object");
        }
        String format = text(root, key, "outputFormat", false);
        if ("ION".equals(format)) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, folder.folder() + " is an Amazon Ion export, which "
                    + "this tool does not read; export the table again with ExportFormat DYNAMODB_JSON");
        }
        if (format != null && !format.equals("DYNAMODB_JSON")) {
            throw new CorruptBackupException(key, "outputFormat is " + format + "; expected DYNAMODB_JSON");
        }
        String type = text(root, key, "exportType", false);
        boolean incremental;
        if (type == null || type.equals("FULL_EXPORT")) {
            incremental = false;
        } else if (type.equals("INCREMENTAL_EXPORT")) {
            incremental = true;
        } else {
            throw new CorruptBackupException(key, "exportType is " + type + "; expected FULL_EXPORT or INCREMENTAL_EXPORT");
        }
        JsonNode count = root.get("itemCount");
        if (count == null || !count.canConvertToExactIntegral() || count.asLong() < 0) {
            throw new CorruptBackupException(key, "itemCount is missing or not a whole number of at least 0");
        }
        Instant from = incremental ? time(root, key, "exportFromTime") : null;
        Instant to = incremental ? time(root, key, "exportToTime") : null;
        if (incremental && !from.isBefore(to)) {
            throw new CorruptBackupException(key, "exportFromTime " + from + " is not before exportToTime " + to);
        }
        String manifestFiles = text(root, key, "manifestFilesS3Key", false);
        if (manifestFiles != null && !folder.isOwnManifestFiles(manifestFiles)) {
            throw new CorruptBackupException(key, "manifestFilesS3Key " + manifestFiles
                    + " is not the manifest-files.json of this export folder " + folder.folder());
        }
        return new NativeExportSummary(folder, text(root, key, "exportArn", false), text(root, key, "tableArn", true),
                incremental, incremental ? null : time(root, key, "exportTime"), from, to, count.asLong(), manifestFiles);
    }

    /** The time window for messages: {@code full export at T} or {@code incremental export from F to T}. */
    String window() {
        return incremental ? "incremental export from " + exportFromTime + " to " + exportToTime
                : "full export at " + exportTime;
    }

    /** The export for messages: its folder and time window. */
    String describe() {
        return folder.folder() + " (" + window() + ")";
    }

    private static String text(JsonNode root, String key, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new CorruptBackupException(key, field + " is missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new CorruptBackupException(key, field + " is not a non-empty string");
        }
        return node.asText();
    }

    private static Instant time(JsonNode root, String key, String field) {
        String value = text(root, key, field, true);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CorruptBackupException(key, field + " is not an ISO-8601 UTC time such as 2020-11-04T07:28:34.028Z");
        }
    }
}
