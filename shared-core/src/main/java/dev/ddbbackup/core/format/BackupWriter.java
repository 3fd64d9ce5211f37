package dev.ddbbackup.core.format;

import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.s3.S3WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes one backup in format version 1: data files per segment in one line shape (rolled once a file
 * holds {@code maxDataFileBytes} of uncompressed JSON), then
 * {@code manifest-files.json}, then {@code manifest.json} last, which must name that line shape.
 *
 * <p>{@link #segment(int)} is called from parallel segment workers; everything else from the
 * coordinating thread. Until {@link #commit} the backup is invisible to readers, and {@link #abort()}
 * removes what was written.
 */
public final class BackupWriter {

    private final S3Client s3;
    private final String bucket;
    private final BackupLayout layout;
    private final String table;
    private final BackupId id;
    private final S3WriteOptions options;
    private final long maxDataFileBytes;
    private final int gzipLevel;
    private final ItemLineFormat format;

    private final Set<DataFileWriter> open = ConcurrentHashMap.newKeySet();
    private final List<ManifestFileEntry> finished = new ArrayList<>();
    private final AtomicLong uncompressedBytes = new AtomicLong();

    public BackupWriter(S3Client s3, String bucket, BackupLayout layout, String table, BackupId id,
                        S3WriteOptions options, long maxDataFileBytes, int gzipLevel, ItemLineFormat format) {
        if (maxDataFileBytes < 1) {
            throw new IllegalArgumentException("maxDataFileBytes must be positive");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.layout = layout;
        this.table = table;
        this.id = id;
        this.options = options;
        this.maxDataFileBytes = maxDataFileBytes;
        this.gzipLevel = DataFileWriter.checkLevel(gzipLevel);
        this.format = Objects.requireNonNull(format, "format");
    }

    public BackupId id() {
        return id;
    }

    /** A writer for one scan segment; rolls to a new data file past the size limit. */
    public SegmentWriter segment(int segment) {
        return new SegmentWriter(segment);
    }

    /** Data files finished so far, in key order. */
    public synchronized List<ManifestFileEntry> finishedFiles() {
        List<ManifestFileEntry> copy = new ArrayList<>(finished);
        copy.sort(Comparator.comparing(ManifestFileEntry::dataFileS3Key));
        return copy;
    }

    public long uncompressedBytes() {
        return uncompressedBytes.get();
    }

    /**
     * Writes manifest-files.json and returns the hex SHA-256 of its bytes, for the manifest. Data files
     * must all be finished.
     */
    public String writeManifestFiles() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("data files still open: " + open.size());
        }
        StringBuilder sb = new StringBuilder();
        for (ManifestFileEntry e : finishedFiles()) {
            try {
                sb.append(FormatJson.MAPPER.writeValueAsString(e)).append('\n');
            } catch (IOException ex) {
                throw new IllegalStateException("cannot serialise manifest entry", ex);
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        put(layout.manifestFilesKey(table, id), bytes, "application/x-ndjson");
        return ObjectDigest.sha256Hex(bytes);
    }

    /** Writes manifest.json: from here on the backup is complete and visible. */
    public void commit(Manifest manifest) {
        if (!manifest.backupId().equals(id.value())) {
            throw new IllegalArgumentException("manifest is for " + manifest.backupId() + ", writer for " + id);
        }
        if (manifest.lineFormat() != format) {
            // Readers parse the data files in the shape the manifest names; a different one would fail every line.
            throw new IllegalArgumentException("manifest names outputFormat " + manifest.outputFormat() + ", but the data files are "
                    + format.manifestName());
        }
        try {
            put(layout.manifestKey(table, id), FormatJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest),
                    "application/json");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /**
     * Abandons the backup: aborts open uploads and deletes the finished data files and manifest-files.json.
     * Best effort; returns the keys it could not delete.
     */
    public List<String> abort() {
        open.forEach(DataFileWriter::abort);
        open.clear();
        List<String> leftover = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        finishedFiles().forEach(e -> keys.add(e.dataFileS3Key()));
        keys.add(layout.manifestFilesKey(table, id));
        for (String key : keys) {
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            } catch (RuntimeException e) {
                leftover.add(key);
            }
        }
        return leftover;
    }

    private void put(String key, byte[] bytes, String contentType) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256);
        options.kmsKey().ifPresent(k -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
        s3.putObject(req.build(), RequestBody.fromBytes(bytes));
    }

    private synchronized void finished(DataFileWriter.FinishedFile f) {
        finished.add(f.entry());
        uncompressedBytes.addAndGet(f.uncompressedBytes());
    }

    /** Writes one segment's items; not thread-safe, one per worker. */
    public final class SegmentWriter implements AutoCloseable {
        private final int segment;
        private int sequence;
        private DataFileWriter current;

        private SegmentWriter(int segment) {
            this.segment = segment;
        }

        public void write(Map<String, AttributeValue> item) throws IOException {
            if (current == null) {
                sequence++;
                current = new DataFileWriter(s3, bucket, layout.dataKey(table, id, segment, sequence), options, gzipLevel, format);
                open.add(current);
            }
            current.write(item);
            if (current.uncompressedBytes() >= maxDataFileBytes) {
                finishCurrent();
            }
        }

        /** Finishes the open data file, if any. */
        @Override
        public void close() throws IOException {
            finishCurrent();
        }

        private void finishCurrent() throws IOException {
            if (current == null) {
                return;
            }
            DataFileWriter f = current;
            current = null;
            try {
                finished(f.finish());
            } finally {
                open.remove(f);
            }
        }
    }
}
