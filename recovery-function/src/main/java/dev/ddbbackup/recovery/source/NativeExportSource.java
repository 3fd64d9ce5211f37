package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.codec.MalformedItemException;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.DataFileStream;
import dev.ddbbackup.core.format.DigestingInputStream;
import dev.ddbbackup.core.format.FormatJson;
import dev.ddbbackup.core.format.ObjectDigest;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.s3.ResumingObjectInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Restore source for DynamoDB native exports ({@code ExportTableToPointInTime}, DYNAMODB_JSON): one
 * full export and/or incremental exports of one table, read from their S3 folders
 * ({@code {prefix}/AWSDynamoDB/{exportId}/}).
 *
 * <p>Each folder's {@code manifest-summary.json} says what the export is; its
 * {@code manifest-files.json} lists the gzip data files with their item counts and base64 MD5s
 * (checked against {@code manifest-files.md5} when that file is there). Exports are applied in
 * time order, one {@link SourcePart#group() group} each: the full export (lines
 * {@code {"Item":{...}}}, put), then incremental exports (see {@link IncrementalExportLines}: puts
 * and deletes). Files within one export may be written in parallel: an export holds at most one
 * record per item. {@link NativeExportChain} refuses exports that do not form one gapless chain.
 *
 * <p>An export records no table schema, so {@link #table()} is empty: the target table must exist
 * (or be created from the source table's definition) before the restore.
 *
 * <p>{@link #open} reads and checks every manifest, so nothing is written from exports that are
 * damaged or do not fit together; the source is then immutable and safe to use from several threads.
 * Amazon Ion exports are refused.
 */
public final class NativeExportSource implements RestoreSource {

    /** The input named in ConfigExceptions: the export folders given to the restore. */
    public static final String INPUT_FIELD = "exports";

    /** Manifests are small; anything bigger is not one. */
    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final List<NativeExportFolder> folders;
    private final Listing listing;
    /** Each verified data file's ETag: writing reads exactly the bytes verified. */
    private final Map<String, String> verifiedETags = new ConcurrentHashMap<>();

    private NativeExportSource(S3Client s3, String bucket, List<NativeExportFolder> folders) {
        this.s3 = s3;
        this.bucket = bucket;
        this.folders = folders;
        this.listing = load();
    }

    /**
     * Reads and checks the exports' manifests and orders the exports.
     *
     * @param exportKeys export folder keys ({@code prefix/AWSDynamoDB/01700000000000-abcd1234/}) or the
     *                   keys of their {@code manifest-summary.json}, in any order
     * @throws ConfigException         if the bucket is blank, no key is given, a key is not an export
     *                                 folder, an export is in Amazon Ion format, or the exports do not
     *                                 form one chain of one table (see {@link NativeExportChain})
     * @throws BackupNotFoundException if a folder has no manifest-summary.json
     * @throws CorruptBackupException  if a manifest is damaged or names a data file outside its export
     */
    public static NativeExportSource open(S3Client s3, String bucket, List<String> exportKeys) {
        Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("bucket", "the bucket holding the exports is required");
        }
        if (exportKeys == null || exportKeys.isEmpty()) {
            throw new ConfigException(INPUT_FIELD, "no export given; give at least one export folder key such as "
                    + "prefix/AWSDynamoDB/01700000000000-abcd1234/");
        }
        return new NativeExportSource(s3, bucket, exportKeys.stream().map(NativeExportFolder::of).toList());
    }

    @Override
    public String description() {
        return String.join(", ", folders.stream().map(f -> "s3://" + bucket + "/" + f.folder()).toList());
    }

    @Override
    public String format() {
        return "native-export";
    }

    /** Always empty: a native export does not record the table's schema. */
    @Override
    public Optional<TableDescriptor> table() {
        return Optional.empty();
    }

    /** The data files in manifest order, group 0 being the first export in time order. */
    @Override
    public List<SourcePart> parts() {
        return listing.parts();
    }

    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        DataFile file = file(part);
        ResumingObjectInputStream raw = DataFileStream.open(s3, bucket, file.key(), null);
        OperationReader reader = null;
        try {
            DigestingInputStream digesting = new DigestingInputStream(new BufferedInputStream(raw, BUFFER));
            reader = reader(file, digesting);
            long operations = 0;
            ItemOperation op;
            while ((op = translated(file, reader)) != null) {
                operations++;
                inspector.accept(op);
            }
            // The digest must cover the whole object, also any bytes after the gzip trailer.
            digesting.drain();
            String md5 = digesting.digest().finish().md5Base64();
            if (!md5.equals(file.md5Checksum())) {
                throw new CorruptBackupException(file.key(), "MD5 " + md5 + " does not match manifest-files.json's "
                        + file.md5Checksum() + "; the file was changed or damaged after the export");
            }
            if (operations != file.itemCount()) {
                throw new CorruptBackupException(file.key(), "holds " + operations
                        + " items, manifest-files.json says " + file.itemCount());
            }
            verifiedETags.put(file.key(), DataFileStream.eTagToPin(file.key(), raw.eTag()));
        } catch (IOException e) {
            throw unreadable(file, e);
        } finally {
            release(raw, reader);
        }
    }

    /**
     * Streams a part; one {@link #verify verified} before (as a restore always does) is read pinned to the
     * ETag it had then, so a file overwritten in between is refused instead of written unverified.
     */
    @Override
    public OperationReader open(SourcePart part) {
        DataFile file = file(part);
        String eTag = verifiedETags.get(file.key());
        ResumingObjectInputStream raw = DataFileStream.open(s3, bucket, file.key(), eTag);
        OperationReader reader;
        try {
            reader = reader(file, new BufferedInputStream(raw, BUFFER));
        } catch (IOException e) {
            release(raw, null);
            throw unreadable(file, e);
        }
        return new OperationReader() {
            @Override
            public ItemOperation next() throws IOException {
                return translated(file, reader);
            }

            @Override
            public void close() {
                release(raw, reader);
            }
        };
    }

    @Override
    public List<String> warnings() {
        return listing.warnings();
    }

    private Listing load() {
        List<NativeExportSummary> summaries = new ArrayList<>();
        for (NativeExportFolder folder : folders) {
            byte[] summary = getSmall(folder.summaryKey()).orElseThrow(() -> new BackupNotFoundException(
                    "no export at s3://" + bucket + "/" + folder.folder() + ": " + NativeExportFolder.SUMMARY
                    + " is missing; give the folder of a completed export (DynamoDB writes manifest-summary.json last)"));
            summaries.add(NativeExportSummary.parse(folder, summary));
        }
        NativeExportChain chain = NativeExportChain.of(summaries);
        List<SourcePart> parts = new ArrayList<>();
        Map<String, DataFile> files = new LinkedHashMap<>();
        for (int group = 0; group < chain.exports().size(); group++) {
            NativeExportSummary export = chain.exports().get(group);
            for (DataFile file : readManifestFiles(export)) {
                if (files.putIfAbsent(file.key(), file) != null) {
                    throw new CorruptBackupException(export.folder().manifestFilesKey(), "names data file " + file.key()
                            + " that another export (or another line) names too");
                }
                parts.add(new SourcePart(file.key(), file.itemCount(), -1, group));
            }
        }
        return new Listing(List.copyOf(parts), Map.copyOf(files), chain.warnings());
    }

    private List<DataFile> readManifestFiles(NativeExportSummary export) {
        NativeExportFolder folder = export.folder();
        String key = folder.manifestFilesKey();
        byte[] bytes = getSmall(key).orElseThrow(() -> new CorruptBackupException(key,
                "is missing, so the export's data files are unknown"));
        checkManifestFilesMd5(folder, bytes);
        List<DataFile> files = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    files.add(entry(export, key, n, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " from memory failed", e);
        }
        long listed = files.stream().mapToLong(DataFile::itemCount).sum();
        if (listed != export.itemCount()) {
            throw new CorruptBackupException(key, "lists " + listed + " items in all, manifest-summary.json says "
                    + export.itemCount());
        }
        return files;
    }

    private static DataFile entry(NativeExportSummary export, String key, int n, String line) {
        JsonNode node;
        try {
            node = FormatJson.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new CorruptBackupException(key, "line " + n + " is not valid JSON: " + ErrorText.firstLine(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new CorruptBackupException(key, "line " + n + " is not a JSON object");
        }
        JsonNode dataKey = node.get("dataFileS3Key");
        JsonNode count = node.get("itemCount");
        JsonNode md5 = node.get("md5Checksum");
        if (dataKey == null || !dataKey.isTextual() || dataKey.asText().isBlank()) {
            throw new CorruptBackupException(key, "line " + n + " has no dataFileS3Key");
        }
        if (count == null || !count.canConvertToExactIntegral() || count.asLong() < 0) {
            throw new CorruptBackupException(key, "line " + n + " has no itemCount of at least 0");
        }
        if (md5 == null || !md5.isTextual() || !isBase64Md5(md5.asText())) {
            throw new CorruptBackupException(key, "line " + n + " has no md5Checksum (base64 MD5 of the data file)");
        }
        String resolved;
        try {
            resolved = export.folder().resolveDataKey(dataKey.asText(), export.incremental());
        } catch (IllegalArgumentException e) {
            throw new CorruptBackupException(key, "line " + n + ": " + e.getMessage());
        }
        return new DataFile(resolved, count.asLong(), md5.asText(), export.incremental());
    }

    private void checkManifestFilesMd5(NativeExportFolder folder, byte[] manifestFiles) {
        Optional<byte[]> md5File = getSmall(folder.manifestFilesMd5Key());
        if (md5File.isEmpty()) {
            return; // optional: the guide names it .checksum, and copies of exports do not always carry it
        }
        String expected = new String(md5File.get(), StandardCharsets.US_ASCII).trim();
        ObjectDigest digest = new ObjectDigest();
        digest.update(manifestFiles, 0, manifestFiles.length);
        String actual = digest.finish().md5Base64();
        if (!actual.equals(expected)) {
            throw new CorruptBackupException(folder.manifestFilesKey(), "MD5 " + actual + " does not match "
                    + folder.manifestFilesMd5Key() + " (" + expected + "); the manifest was changed or damaged");
        }
    }

    private static boolean isBase64Md5(String text) {
        try {
            return Base64.getDecoder().decode(text).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private DataFile file(SourcePart part) {
        DataFile file = listing.files().get(part.key());
        if (file == null) {
            throw new IllegalArgumentException("part " + part.key() + " is not a data file of " + description());
        }
        return file;
    }

    /** A reader over the decompressed file; a full export's lines are exactly our own data lines. */
    private static OperationReader reader(DataFile file, InputStream compressed) throws IOException {
        GZIPInputStream in = new GZIPInputStream(compressed, BUFFER);
        if (file.incremental()) {
            return new IncrementalExportLines(in);
        }
        ItemLineReader items = new ItemLineReader(in);
        return new OperationReader() {
            @Override
            public ItemOperation next() throws IOException {
                Map<String, AttributeValue> item = items.next();
                if (item == null) {
                    return null;
                }
                if (item.isEmpty()) {
                    throw new MalformedItemException(items.lineNumber(), "Item", "holds no attributes");
                }
                return ItemOperation.put(item);
            }

            @Override
            public void close() throws IOException {
                items.close();
            }
        };
    }

    /** The reader's next operation, with a damaged line or gzip stream reported against the file. */
    private static ItemOperation translated(DataFile file, OperationReader reader) throws IOException {
        try {
            return reader.next();
        } catch (MalformedItemException e) {
            throw new CorruptBackupException(file.key(), e.getMessage());
        } catch (ZipException | EOFException e) {
            throw new CorruptBackupException(file.key(), "truncated or corrupt gzip (" + e.getMessage() + ")");
        }
    }

    private RuntimeException unreadable(DataFile file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new CorruptBackupException(file.key(), "truncated or corrupt gzip (" + e.getMessage() + ")");
        }
        return new UncheckedIOException("reading s3://" + bucket + "/" + file.key() + " failed: " + e.getMessage(), e);
    }

    /** A manifest's bytes, or empty when there is no such object. */
    private Optional<byte[]> getSmall(String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                in.abort();
                throw new CorruptBackupException(key, "is larger than " + MAX_MANIFEST_BYTES + " bytes, so it is not a manifest");
            }
            return Optional.of(bytes);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " failed", e);
        }
    }

    /**
     * Closes a data file's reader and the object stream under it; a stream not read to its end is
     * aborted rather than drained.
     */
    private static void release(ResumingObjectInputStream raw, OperationReader reader) {
        try (raw) {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            // Nothing more is read from it; a failed close loses nothing.
        }
    }

    /** One data file of the listing. */
    private record DataFile(String key, long itemCount, String md5Checksum, boolean incremental) {}

    private record Listing(List<SourcePart> parts, Map<String, DataFile> files, List<String> warnings) {}
}
