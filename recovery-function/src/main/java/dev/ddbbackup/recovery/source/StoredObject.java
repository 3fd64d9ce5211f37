package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.DataFileStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One S3 object as a source listed it: reads are pinned to the ETag seen then, so verifying a part
 * and then writing it read the same bytes even if someone overwrites the object in between.
 *
 * @param bucket the bucket
 * @param key    the object key
 * @param eTag   the ETag the listing saw
 * @param bytes  the size the listing saw
 */
record StoredObject(String bucket, String key, String eTag, long bytes) {

    private static final String LISTED = "the restore listed it";

    StoredObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eTag, "eTag");
    }

    /** The object's current version, or empty when there is no object at the key. */
    static Optional<StoredObject> find(S3Client s3, String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(bucket, key, head.eTag(), head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's current version; fails with BackupNotFoundException when there is none. */
    static StoredObject require(S3Client s3, String bucket, String key) {
        return find(s3, bucket, key).orElseThrow(() -> new BackupNotFoundException(
                "no object s3://" + bucket + "/" + key + "; check the bucket and key (list the bucket to see backups)"));
    }

    /** Streams the whole object, carrying on over broken connections. */
    InputStream open(S3Client s3) {
        return DataFileStream.open(s3, bucket, key, eTag, LISTED);
    }

    /** Streams the first {@code length} bytes (or fewer, if the object is shorter). */
    InputStream openStart(S3Client s3, int length) {
        if (bytes == 0) {
            return InputStream.nullInputStream();
        }
        return get(s3, GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(eTag)
                .range("bytes=0-" + (Math.min(length, bytes) - 1)).build());
    }

    private InputStream get(S3Client s3, GetObjectRequest request) {
        try {
            return new AbortOnClose(s3.getObject(request));
        } catch (S3Exception e) {
            throw DataFileStream.refusal(e, key, eTag, LISTED);
        }
    }

    /**
     * Aborts the HTTP response on close: a plain close would first read the rest of the object to
     * reuse the connection, which for a multi-gigabyte file abandoned half-way costs more than a
     * new connection.
     */
    private static final class AbortOnClose extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> response;

        AbortOnClose(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            response.abort();
            response.close();
        }
    }
}
