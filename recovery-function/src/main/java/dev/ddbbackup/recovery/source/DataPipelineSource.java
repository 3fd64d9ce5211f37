package dev.ddbbackup.recovery.source;

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
 */
public final class DataPipelineSource implements RestoreSource {

    /** A manifest lists a few files per mapper; anything this large is not one. */
    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    private static final String NO_CHECKSUMS = "AWS Data Pipeline exports carry no checksums or item counts: "
            + "verification proved that every line parses into a valid item, not that no line was lost or changed.";

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private List<SourcePart> parts;
    private Map<String, StoredObject> objects;
    private final List<String> skipped = new ArrayList<>();

    /**
     * A source reading the file or export folder at {@code s3://bucket/key}; nothing is read until
     * {@link #parts()}.
     *
     * @throws IllegalArgumentException if bucket or key is blank
     */
    public DataPipelineSource(S3Client s3, String bucket, String key) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a Data Pipeline source needs a bucket and a key (a data file or an export folder)");
        }
        this.bucket = bucket;
        this.key = key;
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

    /**
     * The data file, or the manifest's files in manifest order. A missing mandatory file fails here;
     * a missing optional one ({@code "mandatory":false}) is left out and named in {@link #warnings()}.
     *
     * @throws BackupNotFoundException when there is neither an object nor a folder at the key
     * @throws CorruptBackupException when the manifest is missing, damaged or lists a missing file
     */
    @Override
    public synchronized List<SourcePart> parts() {
        if (parts == null) {
            Map<String, StoredObject> found = new LinkedHashMap<>();
            String folder = namedFolder();
            Optional<StoredObject> file = folder == null ? StoredObject.find(s3, bucket, key) : Optional.empty();
            if (file.isEmpty() && folder == null && hasObjectsUnder(key + "/")) {
                folder = key + "/";
            }
            if (folder == null) {
                found.put(key, file.orElseThrow(() -> new BackupNotFoundException("nothing at s3://" + bucket + "/" + key
                        + ": no data file and no export folder; check the bucket and key")));
            } else {
                for (DataPipelineManifest.Entry entry : readManifest(folder).entries()) {
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
            parts = found.values().stream().map(object -> new SourcePart(object.key(), -1, object.bytes(), 0)).toList();
            objects = Map.copyOf(found);
        }
        return parts;
    }

    /** Reads every line of the part; each item goes to {@code inspector} as a put. */
    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        try (DataPipelineLineReader reader = new DataPipelineLineReader(objectOf(part).open(s3), part.key())) {
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
        DataPipelineLineReader reader = new DataPipelineLineReader(objectOf(part).open(s3), part.key());
        return new OperationReader() {
            @Override
            public ItemOperation next() throws IOException {
                Map<String, AttributeValue> item = reader.next();
                return item == null ? null : ItemOperation.put(item);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    /** That the format has no checksums, and any optional files the manifest listed that were missing (known after {@link #parts()}). */
    @Override
    public synchronized List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        warnings.add(NO_CHECKSUMS);
        warnings.addAll(skipped);
        return List.copyOf(warnings);
    }

    /** The export folder the key names by its form (a trailing '/', or the manifest itself), else null. */
    private String namedFolder() {
        if (key.endsWith("/")) {
            return key;
        }
        if (key.equals(DataPipelineManifest.FILE_NAME) || key.endsWith("/" + DataPipelineManifest.FILE_NAME)) {
            return key.substring(0, key.length() - DataPipelineManifest.FILE_NAME.length());
        }
        return null;
    }

    private boolean hasObjectsUnder(String folder) {
        return !s3.listObjectsV2(b -> b.bucket(bucket).prefix(folder).maxKeys(1)).contents().isEmpty();
    }

    private DataPipelineManifest readManifest(String folder) {
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

    private StoredObject objectOf(SourcePart part) {
        List<SourcePart> listed = parts();
        StoredObject object;
        synchronized (this) {
            object = objects.get(part.key());
        }
        if (object == null || !listed.contains(part)) {
            throw new IllegalArgumentException("part " + part.key() + " is not a part of " + description());
        }
        return object;
    }
}
