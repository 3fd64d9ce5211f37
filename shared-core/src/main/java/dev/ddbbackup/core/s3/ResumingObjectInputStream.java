package dev.ddbbackup.core.s3;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.retry.Backoff;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one S3 object and, when the connection breaks in the middle of the body, carries on from the
 * byte it had reached with a ranged GetObject pinned to the first response's ETag.
 *
 * <p>A restore reads a data file at the pace its items are written, so one response can stay open for
 * many minutes; S3 (and emulators) close such slow, long-lived responses ("Premature end of
 * Content-Length delimited message body"). Resuming here keeps the bytes seamless for whatever reads
 * them (gzip, digests, line numbers), instead of failing the file or reading it again from the start.
 */
public final class ResumingObjectInputStream extends InputStream {

    /**
     * Breaks in a row survived before the error is passed on; a break after at least
     * {@link #PROGRESS_BYTES} more bytes does not count towards it, so a slow reader of a big object may
     * resume as often as it needs, while a connection that keeps failing at once gives up.
     */
    public static final int MAX_RESUMES = 10;
    public static final long PROGRESS_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ResumingObjectInputStream.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final Backoff backoff;
    private final String eTag;
    private final long length;
    private ResponseInputStream<GetObjectResponse> in;
    private long position;
    private long positionAtLastBreak;
    private int resumes;
    private int strikes;

    private ResumingObjectInputStream(S3Client s3, String bucket, String key, Backoff backoff,
                                      ResponseInputStream<GetObjectResponse> first) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.backoff = backoff;
        this.in = first;
        this.eTag = first.response().eTag();
        Long len = first.response().contentLength();
        this.length = len == null ? -1 : len;
    }

    /**
     * Starts streaming the object.
     *
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when there is no object at the key
     */
    public static ResumingObjectInputStream open(S3Client s3, String bucket, String key, Backoff backoff) {
        return open(s3, bucket, key, null, backoff);
    }

    /**
     * Starts streaming the object, if {@code ifMatch} is not null only while its ETag is still that one
     * (for example the ETag of bytes verified earlier).
     *
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when there is no object at the key
     * @throws S3Exception with status 412 when the object's ETag is no longer {@code ifMatch}
     */
    public static ResumingObjectInputStream open(S3Client s3, String bucket, String key, String ifMatch, Backoff backoff) {
        return new ResumingObjectInputStream(s3, bucket, key, backoff, s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(ifMatch)));
    }

    /** The ETag of the object being read, to which every resume is pinned; null if S3 sent none. */
    public String eTag() {
        return eTag;
    }

    /** Times this stream has carried on after a broken connection. */
    public int resumes() {
        return resumes;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (b >= 0) {
                position++;
                return b;
            }
            if (!endedEarly()) {
                return -1;
            }
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = in.read(buf, off, len);
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (n >= 0) {
                position += n;
                return n;
            }
            if (!endedEarly()) {
                return -1;
            }
        }
    }

    /** True (after resuming) when the body ended before the length the object has; false at the real end. */
    private boolean endedEarly() throws IOException {
        if (length < 0 || position >= length) {
            return false;
        }
        resume(new IOException("the response ended at byte " + position + " of " + length));
        return true;
    }

    private void resume(IOException cause) throws IOException {
        strikes = position - positionAtLastBreak >= PROGRESS_BYTES ? 1 : strikes + 1;
        positionAtLastBreak = position;
        if (strikes > MAX_RESUMES || eTag == null || length < 0) {
            throw cause;
        }
        resumes++;
        LOG.warn("s3://{}/{}: connection broke at byte {} of {} ({}: {}); continuing from there (resume {}, {} of {} without progress)",
                bucket, key, position, length, cause.getClass().getSimpleName(), ErrorText.firstLine(cause), resumes, strikes, MAX_RESUMES);
        abortQuietly();
        backoff.sleep(strikes);
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + position + "-").ifMatch(eTag));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new IOException("s3://" + bucket + "/" + key + " was overwritten while it was being read (its ETag changed)", e);
            }
            throw e;
        }
    }

    private void abortQuietly() {
        try {
            in.abort();
            in.close();
        } catch (IOException | RuntimeException e) {
            // the connection is already broken; a new request follows
        }
    }

    /** Closes without reading the rest of an unfinished body: a new connection is cheaper than draining a big file. */
    @Override
    public void close() throws IOException {
        if (length < 0 || position < length) {
            in.abort();
        }
        in.close();
    }
}
