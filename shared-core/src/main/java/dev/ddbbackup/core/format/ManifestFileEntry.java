package dev.ddbbackup.core.format;

/**
 * One line of {@code manifest-files.json}: a data file and what it must contain.
 *
 * @param dataFileS3Key key of the gzip data file
 * @param itemCount     lines (items) in it
 * @param sha256        hex SHA-256 of the stored (compressed) bytes
 * @param md5Checksum   base64 MD5 of the stored bytes, as native export manifests have it
 * @param bytes         stored (compressed) size
 */
public record ManifestFileEntry(String dataFileS3Key, long itemCount, String sha256, String md5Checksum, long bytes) {

    public ManifestFileEntry {
        if (dataFileS3Key == null || dataFileS3Key.isBlank()) {
            throw new IllegalArgumentException("dataFileS3Key is required");
        }
        if (itemCount < 0 || bytes < 0) {
            throw new IllegalArgumentException("itemCount and bytes must not be negative");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (md5Checksum == null || md5Checksum.isBlank()) {
            throw new IllegalArgumentException("md5Checksum is required");
        }
    }
}
