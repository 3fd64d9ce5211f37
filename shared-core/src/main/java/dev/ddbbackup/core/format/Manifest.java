package dev.ddbbackup.core.format;

import java.time.Instant;

/**
 * The content of {@code manifest.json}, written last: its presence is what makes a backup complete.
 *
 * @param formatVersion       {@link #FORMAT_VERSION}
 * @param outputFormat        data line shape; {@code DYNAMODB_JSON} (native export lines)
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
    public static final String DYNAMODB_JSON = "DYNAMODB_JSON";

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
    }
}
