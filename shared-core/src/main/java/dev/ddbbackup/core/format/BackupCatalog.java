package dev.ddbbackup.core.format;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.ddbbackup.core.errors.ErrorText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import dev.ddbbackup.core.codec.ItemLineReader;
import dev.ddbbackup.core.s3.ResumingObjectInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finds and reads backups in a bucket: which tables and backups exist, which is the latest complete
 * one, and their manifests. A backup without {@code manifest.json} is not complete and is never
 * returned as a backup.
 */
public final class BackupCatalog {

    /** manifest.json is small; anything bigger is not ours. */
    private static final long MAX_MANIFEST_BYTES = 16L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final BackupLayout layout;

    public BackupCatalog(S3Client s3, String bucket, BackupLayout layout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.layout = layout;
    }

    /** Tables that have a folder under the prefix (the restore checkpoints' folder is not one). */
    public List<String> tables() {
        List<String> tables = childFolders(layout.rootFolder());
        tables.remove(BackupLayout.RESTORES_FOLDER);
        return tables;
    }

    /** Complete backups of a table, newest first. */
    public List<BackupRef> list(String table) {
        List<BackupRef> out = new ArrayList<>();
        for (BackupId id : backupIdsNewestFirst(table)) {
            if (exists(layout.manifestKey(table, id))) {
                out.add(new BackupRef(bucket, layout, table, id));
            }
        }
        return out;
    }

    /** The latest complete backup: the greatest backupId whose manifest.json exists. */
    public Optional<BackupRef> latest(String table) {
        for (BackupId id : backupIdsNewestFirst(table)) {
            if (exists(layout.manifestKey(table, id))) {
                return Optional.of(new BackupRef(bucket, layout, table, id));
            }
        }
        return Optional.empty();
    }

    /** A named backup; fails when it is not complete. */
    public BackupRef get(String table, BackupId id) {
        BackupRef ref = new BackupRef(bucket, layout, table, id);
        if (!exists(ref.manifestKey())) {
            throw new BackupNotFoundException("no complete backup " + ref + " (manifest.json missing); run 'list' to see complete backups");
        }
        return ref;
    }

    /** Reads and checks manifest.json. */
    public Manifest readManifest(BackupRef ref) {
        byte[] bytes = getSmall(ref.manifestKey());
        try {
            Manifest m = FormatJson.MAPPER.readValue(bytes, Manifest.class);
            if (m.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new CorruptBackupException(ref.manifestKey(), "format version " + m.formatVersion()
                        + " is newer than this tool reads (" + Manifest.FORMAT_VERSION + "); upgrade dynamodb-backup");
            }
            if (!m.backupId().equals(ref.id().value()) || !m.table().name().equals(ref.table())) {
                throw new CorruptBackupException(ref.manifestKey(), "manifest names backup " + m.backupId() + " of table "
                        + m.table().name() + ", but it is stored as " + ref.id() + " of " + ref.table());
            }
            return m;
        } catch (CorruptBackupException e) {
            throw e;
        } catch (ValueInstantiationException e) {
            // A field the manifest's own checks refused (such as an unknown outputFormat): their message names it,
            // Jackson's wrapper would bury it behind the class name.
            Throwable reason = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new CorruptBackupException(ref.manifestKey(), "manifest.json is not a valid manifest: " + ErrorText.firstLine(reason), e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptBackupException(ref.manifestKey(), "manifest.json is not a valid manifest: " + ErrorText.firstLine(e), e);
        }
    }

    /** Reads manifest-files.json and checks it against the manifest's SHA-256 and file count. */
    public List<ManifestFileEntry> readManifestFiles(BackupRef ref, Manifest manifest) {
        byte[] bytes = getSmall(ref.manifestFilesKey());
        String actual = ObjectDigest.sha256Hex(bytes);
        if (!actual.equals(manifest.manifestFilesSha256())) {
            throw new CorruptBackupException(ref.manifestFilesKey(), "SHA-256 " + actual
                    + " does not match the manifest's " + manifest.manifestFilesSha256());
        }
        List<ManifestFileEntry> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ManifestFileEntry e = FormatJson.MAPPER.readValue(line, ManifestFileEntry.class);
                    layout.resolveDataKey(ref.table(), ref.id(), e.dataFileS3Key());
                    entries.add(e);
                } catch (IOException | IllegalArgumentException e) {
                    throw new CorruptBackupException(ref.manifestFilesKey(), "line " + n + " is not a valid entry: " + ErrorText.firstLine(e), e);
                }
            }
        } catch (IOException e) {
            throw new CorruptBackupException(ref.manifestFilesKey(), "unreadable", e);
        }
        if (entries.size() != manifest.dataFileCount()) {
            throw new CorruptBackupException(ref.manifestFilesKey(), "lists " + entries.size()
                    + " data files, the manifest says " + manifest.dataFileCount());
        }
        long items = entries.stream().mapToLong(ManifestFileEntry::itemCount).sum();
        if (items != manifest.itemCount()) {
            throw new CorruptBackupException(ref.manifestFilesKey(), "counts " + items + " items, the manifest says "
                    + manifest.itemCount());
        }
        return entries;
    }

    private List<BackupId> backupIdsNewestFirst(String table) {
        List<BackupId> ids = new ArrayList<>();
        for (String name : childFolders(layout.tableFolder(table))) {
            if (BackupId.isValid(name)) {
                ids.add(new BackupId(name));
            }
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    private List<String> childFolders(String folder) {
        ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(bucket).prefix(folder).delimiter("/").build();
        List<String> names = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(req)) {
            for (CommonPrefix p : page.commonPrefixes()) {
                String rest = p.prefix().substring(folder.length());
                names.add(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
            }
        }
        return names;
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private byte[] getSmall(String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            if (length != null && length > MAX_MANIFEST_BYTES) {
                in.abort();
                throw new CorruptBackupException(key, "is larger than " + MAX_MANIFEST_BYTES + " bytes, so it is not a manifest");
            }
            return in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new CorruptBackupException(key, "could not be read: " + e.getMessage(), e);
        } catch (NoSuchKeyException e) {
            throw new CorruptBackupException(key, "is missing");
        }
    }

    /**
     * Streams the items of one data file, decompressed and parsed in the line shape the manifest names,
     * without checking its digests: verify the backup first (see {@link BackupVerifier}) when the items
     * will be written anywhere.
     */
    public ItemLineReader openItems(BackupRef ref, Manifest manifest, ManifestFileEntry entry) throws IOException {
        return openItems(ref, manifest, entry, null);
    }

    /**
     * Opens a data file's items as {@link #openItems(BackupRef, Manifest, ManifestFileEntry)} does, but only
     * while the object is still the one verified: its ETag must be {@code verifiedETag}, as
     * {@link BackupVerifier#verifyFile} returned it (null: any).
     *
     * @throws CorruptBackupException when the file was overwritten or deleted after it was verified
     */
    public ItemLineReader openItems(BackupRef ref, Manifest manifest, ManifestFileEntry entry, String verifiedETag) throws IOException {
        InputStream raw = openData(layout.resolveDataKey(ref.table(), ref.id(), entry.dataFileS3Key()), verifiedETag);
        try {
            return new ItemLineReader(new GZIPInputStream(raw, 64 * 1024), manifest.lineFormat());
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Opens a data file for streaming. A restore reads at the pace it writes, so the stream carries on
     * over broken connections instead of failing the file.
     */
    ResumingObjectInputStream openData(String key, String verifiedETag) {
        return DataFileStream.open(s3, bucket, key, verifiedETag);
    }

    public String bucket() {
        return bucket;
    }

    public BackupLayout layout() {
        return layout;
    }
}
