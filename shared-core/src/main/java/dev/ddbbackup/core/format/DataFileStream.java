package dev.ddbbackup.core.format;

import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.s3.ResumingObjectInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens a restore source's data file for streaming, carrying on over broken connections
 * ({@link ResumingObjectInputStream}), and, once the restore has seen the file (verified it, or listed
 * it), only that version of it: a restore verifies a file and reads it again to write it, and a file
 * overwritten in between must be refused, not written unverified.
 */
public final class DataFileStream {

    /** When a verified file's ETag was taken. */
    public static final String VERIFIED = "it was verified";

    private DataFileStream() {
    }

    /**
     * Starts streaming the data file at {@code key}, only its verified version when {@code verifiedETag}
     * is given (the ETag of the stream that verified it, {@link ResumingObjectInputStream#eTag()}).
     *
     * @throws CorruptBackupException when there is no object at the key, or its ETag is no longer
     *     {@code verifiedETag}
     */
    public static ResumingObjectInputStream open(S3Client s3, String bucket, String key, String verifiedETag) {
        return open(s3, bucket, key, verifiedETag, VERIFIED);
    }

    /**
     * Starts streaming the object at {@code key}, only while its ETag is {@code eTag} when one is given.
     *
     * @param pinnedAt when the restore took {@code eTag}, for the error message ({@link #VERIFIED}, or
     *     for example "the restore listed it")
     * @throws CorruptBackupException when there is no object at the key, or its ETag is no longer {@code eTag}
     */
    public static ResumingObjectInputStream open(S3Client s3, String bucket, String key, String eTag, String pinnedAt) {
        try {
            return ResumingObjectInputStream.open(s3, bucket, key, eTag, Backoff.DEFAULT);
        } catch (S3Exception e) {
            throw refusal(e, key, eTag, pinnedAt);
        }
    }

    /**
     * The ETag of a file just verified, to pin its later reads to.
     *
     * @throws CorruptBackupException when S3 sent none, so a later read could not be pinned
     */
    public static String eTagToPin(String key, String eTag) {
        if (eTag == null) {
            throw new CorruptBackupException(key, "S3 sent no ETag for it, so a later read could not be pinned to the verified bytes");
        }
        return eTag;
    }

    /**
     * The error to throw for an S3 error of a GET of the object at {@code key} (pinned to {@code eTag}
     * when not null): a CorruptBackupException naming the file when it is gone or was overwritten,
     * otherwise {@code e} itself.
     */
    public static RuntimeException refusal(S3Exception e, String key, String eTag, String pinnedAt) {
        if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
            return new CorruptBackupException(key, eTag == null ? "data file is missing" : "was deleted after " + pinnedAt);
        }
        if (e.statusCode() == 412) {
            return new CorruptBackupException(key, "was overwritten after " + pinnedAt + " (its ETag changed), so it was not read;"
                    + " start the restore again to read the new file");
        }
        return e;
    }
}
