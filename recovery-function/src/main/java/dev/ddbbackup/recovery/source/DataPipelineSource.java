package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.TableDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A restore source for AWS Data Pipeline DynamoDB exports: files of one item per line,
 * {@code {"attr":{"s":"v"},"n2":{"n":"1"}}} (see {@link DataPipelineLineReader}), plain or gzip.
 *
 * <p>The key names either one data file, which is then the only part, or an export folder (a key
 * ending in {@code /}, a key with objects under {@code key/}, or the folder's {@code manifest}
 * itself), whose {@code manifest} lists the parts (see {@link DataPipelineManifest}). All parts are
 * one group: they may be written in parallel.
 *
 * <p>The format has no checksums and no item counts, so {@link #verify} can only prove that every
 * line parses into an item DynamoDB accepts; {@link #warnings()} says so. It records no schema.
 * Use {@link #open(S3Client, String, String)} to list the parts.
 */
public final class DataPipelineSource implements RestoreSource {

    /** A manifest lists a few files per mapper; anything this large is not one. */
    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    private static final String NO_CHECKSUMS = "AWS Data Pipeline exports carry no checksums or item counts: "
            + "verification proved that every line parses into a valid item, not that no line was lost or changed.";

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final List<SourcePart> parts;
    private final Map<String, StoredObject> files;
    private final List<String> warnings;

    /** {@code found} maps each part's key to its object, in the order the parts must be listed. */
    private DataPipelineSource(S3Client s3, String bucket, String key, Map<String, StoredObject> found,
            List<String> skipped) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.files = Map.copyOf(found);
        this.parts = found.values().stream().map(file -> new SourcePart(file.key(), -1, file.bytes(), 0)).toList();
        List<String> all = new ArrayList<>();
        all.add(NO_CHECKSUMS);
        all.addAll(skipped);
        this.warnings = List.copyOf(all);
    }

    /**
     * Finds the data file, or reads the export folder's manifest and finds every file it lists.
     * Later reads are pinned to the objects seen here (their ETags); the source is then immutable
     * and safe to use from several threads. A missing mandatory file fails here; a missing
     * optional one ({@code "mandatory":false}) is left out and named in {@link #warnings()}.
     *
     * @param key a data file, an export folder (with or without the trailing {@code /}) or its {@code manifest}
     * @throws ConfigException         if the bucket or key is blank
     * @throws BackupNotFoundException when there is neither an object nor a folder at the key
     * @throws CorruptBackupException  when the manifest is missing, damaged, lists a file outside its
     *                                 folder, or lists a mandatory file that is missing
     */
    public static DataPipelineSource open(S3Client s3, String bucket, String key) {
        Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("backup_bucket", "the bucket holding the Data Pipeline export is required");
        }
        if (key == null || key.isBlank()) {
            throw new ConfigException("backup_file", "the key of a Data Pipeline data file or export folder is required");
        }
        Map<String, StoredObject> found = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        String folder = namedFolder(key);
        Optional<StoredObject> file = folder == null ? StoredObject.find(s3, bucket, key) : Optional.empty();
        if (file.isEmpty() && folder == null && hasObjectsUnder(s3, bucket, key + "/")) {
            folder = key + "/";
        }
        if (folder == null) {
            found.put(key, file.orElseThrow(() -> new BackupNotFoundException("nothing at s3://" + bucket + "/" + key
                    + ": no data file and no export folder; check the bucket and key")));
        } else {
            for (DataPipelineManifest.Entry entry : readManifest(s3, bucket, folder).entries()) {
                Optional<StoredObject> listed = StoredObject.find(s3, bucket, entry.key());
                if (listed.isPresent()) {
                    found.put(entry.key(), listed.get());
                } else if (entry.mandatory()) {
                    throw new CorruptBackupException(entry.key(), "is listed in " + folder + DataPipelineManifest.FILE_NAME
                            + " as mandatory but is missing; the export is incomplete");
                } else {
                    skipped.add("The export's manifest lists " + entry.key() + " as optional and it is missing; it was skipped.");
                }
            }
        }
        return new DataPipelineSource(s3, bucket, key, found, skipped);
    }

    @Override
    public String description() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String format() {
        return "datapipeline";
    }

    @Override
    public Optional<TableDescriptor> table() {
        return Optional.empty();
    }

    /** The data file, or the manifest's files in manifest order; all in group 0. */
    @Override
    public List<SourcePart> parts() {
        return parts;
    }

    /** Reads every line of the part; each item goes to {@code inspector} as a put. */
    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        try (DataPipelineLineReader reader = new DataPipelineLineReader(fileOf(part).open(s3), part.key())) {
            Map<String, AttributeValue> item;
            while ((item = reader.next()) != null) {
                inspector.accept(ItemOperation.put(item));
            }
        } catch (IOException e) {
            throw new CorruptBackupException(part.key(), "could not be read: " + ErrorText.firstLine(e), e);
        }
    }

    @Override
    public OperationReader open(SourcePart part) {
        DataPipelineLineReader reader = new DataPipelineLineReader(fileOf(part).open(s3), part.key());
        return OperationReader.puts(reader::next, reader);
    }

    /** That the format has no checksums, and any optional files the manifest listed that were missing. */
    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** The export folder the key names by its form (a trailing '/', or the manifest itself), else null. */
    private static String namedFolder(String key) {
        if (key.endsWith("/")) {
            return key;
        }
        if (key.equals(DataPipelineManifest.FILE_NAME) || key.endsWith("/" + DataPipelineManifest.FILE_NAME)) {
            return key.substring(0, key.length() - DataPipelineManifest.FILE_NAME.length());
        }
        return null;
    }

    private static boolean hasObjectsUnder(S3Client s3, String bucket, String folder) {
        return !s3.listObjectsV2(b -> b.bucket(bucket).prefix(folder).maxKeys(1)).contents().isEmpty();
    }

    private static DataPipelineManifest readManifest(S3Client s3, String bucket, String folder) {
        String manifestKey = folder + DataPipelineManifest.FILE_NAME;
        StoredObject manifest = StoredObject.find(s3, bucket, manifestKey).orElseThrow(() -> new CorruptBackupException(
                manifestKey, "is missing; a Data Pipeline export folder has a 'manifest' listing its data files"
                        + " (name one data file as the key to restore just that file)"));
        if (manifest.bytes() > MAX_MANIFEST_BYTES) {
            throw new CorruptBackupException(manifestKey, "is larger than " + MAX_MANIFEST_BYTES + " bytes, so it is not a manifest");
        }
        try (InputStream in = manifest.open(s3)) {
            return DataPipelineManifest.parse(in.readNBytes(MAX_MANIFEST_BYTES), bucket, folder);
        } catch (IOException e) {
            throw new CorruptBackupException(manifestKey, "could not be read: " + ErrorText.firstLine(e), e);
        }
    }

    private StoredObject fileOf(SourcePart part) {
        StoredObject file = files.get(part.key());
        if (file == null || !parts.contains(part)) {
            throw new IllegalArgumentException("part " + part.key() + " is not a part of " + description());
        }
        return file;
    }
}
