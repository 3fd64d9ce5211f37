package dev.ddbbackup.core.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An output stream that uploads to one S3 object through a bounded buffer: objects smaller than one
 * part go up with a single PutObject, larger ones as a multipart upload, one part at a time.
 *
 * <p>Every request asks S3 to verify a SHA-256 checksum of the bytes it receives. Memory is one
 * part-sized buffer whatever the object size. If anything fails, or {@link #abort()} is called, the
 * multipart upload is aborted so no half-written object or orphaned parts remain; the object exists
 * only after {@link #close()} returns.
 */
public final class MultipartUploadStream extends OutputStream {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final S3WriteOptions options;
    private final byte[] buffer;
    private int filled;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean closed;

    public MultipartUploadStream(S3Client s3, String bucket, String key, S3WriteOptions options) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.options = options;
        this.buffer = new byte[options.partSizeBytes()];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == buffer.length) {
            flushPart();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == buffer.length) {
                flushPart();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void flushPart() throws IOException {
        try {
            if (uploadId == null) {
                CreateMultipartUploadRequest.Builder req = CreateMultipartUploadRequest.builder()
                        .bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256);
                options.kmsKey().ifPresent(k -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
                uploadId = s3.createMultipartUpload(req.build()).uploadId();
            }
            int partNumber = parts.size() + 1;
            UploadPartResponse resp = s3.uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256).contentLength((long) filled),
                    body());
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(resp.eTag())
                    .checksumSHA256(resp.checksumSHA256()).build());
            filled = 0;
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw new IOException("upload of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    private RequestBody body() {
        // Streams straight from the reusable buffer: no per-part copy of up to partSize bytes.
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (uploadId == null) {
                PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).contentLength((long) filled);
                options.kmsKey().ifPresent(k -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
                s3.putObject(req.build(), body());
            } else {
                if (filled > 0) {
                    flushPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw new IOException("upload of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Abandons the object: aborts the multipart upload if one was started. Nothing becomes visible. */
    public void abort() {
        closed = true;
        abortQuietly(null);
    }

    private void abortQuietly(RuntimeException cause) {
        if (uploadId == null) {
            return;
        }
        String id = uploadId;
        uploadId = null;
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream to s3://" + bucket + "/" + key + " is closed");
        }
    }
}
