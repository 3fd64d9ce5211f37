package dev.ddbbackup.core.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ddbbackup.core.codec.ItemLineFormat;
import java.time.Instant;

/**
 * The content of {@code manifest.json}, written last: its presence is what makes a backup complete.
 *
 * @param formatVersion       {@link #FORMAT_VERSION}
 * @param outputFormat        data line shape: {@link #DYNAMODB_JSON} (native export lines) or
 *                            {@link #DATA_PIPELINE} (AWS Data Pipeline export lines); see {@link #lineFormat()}
 * @param manifestFilesSha256 hex SHA-256 of the exact bytes of manifest-files.json
 * @param dataFileCount       lines in manifest-files.json
 */
public record Manifest(
        int formatVersion,
        String backupId,
        String tool,
        String outputFormat,
        Instant startedAt,
        Instant completedAt,
        long itemCount,
        long uncompressedBytes,
        long compressedBytes,
        int segments,
        int dataFileCount,
        String manifestFilesSha256,
        TableDescriptor table) {

    public static final int FORMAT_VERSION = 1;
    public static final String DYNAMODB_JSON = ItemLineFormat.DYNAMODB_JSON.manifestName();
    public static final String DATA_PIPELINE = ItemLineFormat.DATA_PIPELINE.manifestName();

    public Manifest {
        if (formatVersion < 1) {
            throw new IllegalArgumentException("formatVersion must be at least 1");
        }
        if (!BackupId.isValid(backupId)) {
            throw new IllegalArgumentException("backupId is not a backup id: " + backupId);
        }
        if (itemCount < 0 || uncompressedBytes < 0 || compressedBytes < 0 || dataFileCount < 0 || segments < 1) {
            throw new IllegalArgumentException("counts must not be negative and segments at least 1");
        }
        if (manifestFilesSha256 == null || !manifestFilesSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("manifestFilesSha256 must be 64 lowercase hex digits");
        }
        if (table == null || startedAt == null || completedAt == null) {
            throw new IllegalArgumentException("table, startedAt and completedAt are required");
        }
        // Guessing a line shape would misread every line: a format this reader does not know needs a newer reader.
        if (outputFormat == null) {
            throw new IllegalArgumentException("outputFormat is missing; it names the data files' line shape, one of "
                    + ItemLineFormat.manifestNames());
        }
        if (ItemLineFormat.fromManifestName(outputFormat).isEmpty()) {
            throw new IllegalArgumentException("outputFormat '" + printable(outputFormat) + "' is not a data format this tool reads ("
                    + ItemLineFormat.manifestNames() + "); upgrade dynamodb-backup or correct the manifest");
        }
    }

    /** The data files' line shape, named by {@link #outputFormat()}: the one place readers choose their line reader from. */
    @JsonIgnore
    public ItemLineFormat lineFormat() {
        return ItemLineFormat.fromManifestName(outputFormat).orElseThrow();
    }

    /** A manifest's value for a message: not item data, but shortened and kept to one printable line. */
    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
