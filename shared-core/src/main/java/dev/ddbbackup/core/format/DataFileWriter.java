package dev.ddbbackup.core.format;

import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.codec.ItemLineWriter;
import dev.ddbbackup.core.s3.MultipartUploadStream;
import dev.ddbbackup.core.s3.S3WriteOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams items into one gzip data file: JSON lines, then gzip, then SHA-256 + MD5, then S3 in
 * bounded parts. Not thread-safe: one per segment.
 */
final class DataFileWriter {

    private final String key;
    private final MultipartUploadStream upload;
    private final DigestingOutputStream digesting;
    private final CountingOutputStream uncompressed;
    private final ItemLineWriter lines;

    DataFileWriter(S3Client s3, String bucket, String key, S3WriteOptions options, int gzipLevel, ItemLineFormat format) {
        this.key = key;
        this.upload = new MultipartUploadStream(s3, bucket, key, options);
        this.digesting = new DigestingOutputStream(upload);
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(digesting, 64 * 1024) {
                {
                    def.setLevel(gzipLevel);
                }
            };
            this.uncompressed = new CountingOutputStream(new BufferedOutputStream(gzip, 64 * 1024));
            this.lines = new ItemLineWriter(uncompressed, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Map<String, AttributeValue> item) throws IOException {
        lines.write(item);
    }

    /** Uncompressed (JSON) bytes written so far; exact, unlike the compressed count, which lags behind gzip's buffers. */
    long uncompressedBytes() {
        return uncompressed.count();
    }

    /** Finishes gzip, completes the upload and returns the file's manifest entry. */
    FinishedFile finish() throws IOException {
        try {
            // Closing flushes JSON, finishes gzip and completes the upload, in that order.
            lines.close();
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
        ObjectDigest.Result d = digesting.digest().finish();
        return new FinishedFile(new ManifestFileEntry(key, lines.itemCount(), d.sha256(), d.md5Base64(), d.bytes()), uncompressed.count());
    }

    /** Abandons the file; nothing becomes visible. */
    void abort() {
        upload.abort();
    }

    String key() {
        return key;
    }

    /** A completed data file and its uncompressed size. */
    record FinishedFile(ManifestFileEntry entry, long uncompressedBytes) {}

    /** Counts bytes on their way into gzip. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    static int checkLevel(int level) {
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("gzip level must be 1..9, got " + level);
        }
        return level;
    }
}
