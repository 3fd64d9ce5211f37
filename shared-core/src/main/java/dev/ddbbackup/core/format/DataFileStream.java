package dev.ddbbackup.core.format;

import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.s3.ResumingObjectInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens a backup's data file for streaming, carrying on over broken connections
 * ({@link ResumingObjectInputStream}), and, once the file has been verified, only the verified version
 * of it: a restore verifies a file and reads it again to write it, and a file overwritten in between
 * must be refused, not written unverified.
 */
public final class DataFileStream {

    private DataFileStream() {
    }

    /**
     * Starts streaming the data file at {@code key}.
     *
     * @param verifiedETag the ETag the file had when it was verified (its stream's
     *     {@link ResumingObjectInputStream#eTag()}), or null to read whatever is there
     * @throws CorruptBackupException when there is no object at the key, or its ETag is no longer
     *     {@code verifiedETag}
     */
    public static ResumingObjectInputStream open(S3Client s3, String bucket, String key, String verifiedETag) {
        try {
            return ResumingObjectInputStream.open(s3, bucket, key, verifiedETag, Backoff.DEFAULT);
        } catch (NoSuchKeyException e) {
            throw new CorruptBackupException(key, "data file is missing");
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new CorruptBackupException(key, "was overwritten after it was verified (its ETag changed), so it was not read"
                        + " again; start the restore again to verify the new file");
            }
            throw e;
        }
    }
}
