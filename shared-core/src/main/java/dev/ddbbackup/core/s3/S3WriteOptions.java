package dev.ddbbackup.core.s3;

import java.util.Optional;

/**
 * How objects are written: multipart part size and optional SSE-KMS key.
 *
 * <p>Without a KMS key no encryption header is sent, so the bucket's default encryption (SSE-S3 or
 * SSE-KMS, set in the template) applies; sending AES256 explicitly would override a KMS default.
 *
 * @param partSizeBytes multipart part size, at least 5 MiB (S3's minimum for all but the last part)
 * @param kmsKeyId      KMS key id or ARN for SSE-KMS, or null
 */
public record S3WriteOptions(int partSizeBytes, String kmsKeyId) {

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final S3WriteOptions DEFAULT = new S3WriteOptions(8 * 1024 * 1024, null);

    public S3WriteOptions {
        if (partSizeBytes < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSizeBytes must be at least 5 MiB, got " + partSizeBytes);
        }
    }

    public Optional<String> kmsKey() {
        return Optional.ofNullable(kmsKeyId);
    }
}
