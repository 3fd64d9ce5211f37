package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.BackupVerifier;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.format.ManifestFileEntry;
import dev.ddbbackup.core.format.TableDescriptor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A backup in this suite's own format (docs/format.md) as a restore source: {@code manifest.json} and
 * {@code manifest-files.json} are read and checked when the source is opened, so nothing can be written
 * before the manifests are present and well formed (an {@code outputFormat} this reader does not know
 * included); each data file is a part, checked against its SHA-256, MD5, size and item count, and read
 * in the line shape the manifest names, pinned to the ETag it was verified at.
 */
public final class BackupSource implements RestoreSource {

    private final BackupCatalog catalog;
    private final BackupRef ref;
    private final Manifest manifest;
    private final Map<String, ManifestFileEntry> entries = new LinkedHashMap<>();
    /** Each verified part's ETag: writing reads exactly the bytes verified. */
    private final Map<String, String> verifiedETags = new ConcurrentHashMap<>();

    private BackupSource(BackupCatalog catalog, BackupRef ref, Manifest manifest, List<ManifestFileEntry> files) {
        this.catalog = catalog;
        this.ref = ref;
        this.manifest = manifest;
        for (ManifestFileEntry e : files) {
            entries.put(catalog.layout().resolveDataKey(ref.table(), ref.id(), e.dataFileS3Key()), e);
        }
    }

    /**
     * Reads and checks the backup's manifests.
     *
     * @throws CorruptBackupException when either manifest is missing, malformed or inconsistent
     */
    public static BackupSource open(BackupCatalog catalog, BackupRef ref) {
        Manifest manifest = catalog.readManifest(ref);
        return new BackupSource(catalog, ref, manifest, catalog.readManifestFiles(ref, manifest));
    }

    public BackupRef ref() {
        return ref;
    }

    public Manifest manifest() {
        return manifest;
    }

    @Override
    public String description() {
        return "s3://" + ref.bucket() + "/" + ref.folder();
    }

    @Override
    public String format() {
        return "backup";
    }

    @Override
    public Optional<TableDescriptor> table() {
        return Optional.of(manifest.table());
    }

    @Override
    public List<SourcePart> parts() {
        return entries.entrySet().stream()
                .map(e -> new SourcePart(e.getKey(), e.getValue().itemCount(), e.getValue().bytes(), 0)).toList();
    }

    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        verifiedETags.put(part.key(),
                new BackupVerifier(catalog, 1).verifyFile(ref, manifest, entry(part), item -> inspector.accept(ItemOperation.put(item))));
    }

    /**
     * Streams a part; one {@link #verify verified} before (as a restore always does) is read pinned to the
     * ETag it had then, so a file overwritten in between is refused instead of written unverified.
     */
    @Override
    public OperationReader open(SourcePart part) {
        String eTag = verifiedETags.get(part.key());
        ItemLineReader reader;
        try {
            reader = catalog.openItems(ref, manifest, entry(part), eTag);
        } catch (IOException e) {
            throw new CorruptBackupException(part.key(), "truncated or corrupt gzip (" + e.getMessage() + ")", e);
        }
        return OperationReader.puts(reader::next, reader);
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    private ManifestFileEntry entry(SourcePart part) {
        ManifestFileEntry e = entries.get(part.key());
        if (e == null) {
            throw new IllegalArgumentException(part.key() + " is not a data file of " + ref);
        }
        return e;
    }
}
