package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.TableDescriptor;
import dev.ddbbackup.core.table.TableNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A restore source for the seed backup function's "version 2.0" file: one JSON document
 * {@code {table_name, backup_timestamp, item_count, data:[...], checksum, version}} at
 * {@code dynamodb-backups/{table}-backup-{YYYY-MM-DD-HH-MM-SS}.json}, which is a single part.
 *
 * <p>{@link #verify} recomputes the checksum exactly as the producer did
 * ({@code sha256(json.dumps(data, sort_keys=True, default=str))}, see {@link PythonJsonDigest}) while
 * streaming the items, and checks the version, required fields and item count. Items are restored
 * as the file holds them (see {@link LegacyJsonFile}); {@link #warnings()} says what the producer
 * lost on the way. The format records no schema, so {@link #table()} is empty.
 *
 * <p>Use {@link #open(S3Client, String, String)} to read a named file, and {@link #latestKey} to find a table's newest one.
 */
public final class LegacyJsonSource implements RestoreSource {

    /** Where the seed backup function writes its files. */
    public static final String FOLDER = "dynamodb-backups/";

    /** Enough of the file to find {@code item_count}, which Python writes before {@code data}. */
    private static final int HEADER_BYTES = 64 * 1024;

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");

    private static final List<String> WARNINGS = List.of(
            "The legacy backup stored top-level numbers as Python floats: digits beyond about 15-17 significant "
                    + "figures were lost when it was made, and numbers are restored as the file spells them "
                    + "(for example 1.2345678901234567e+19 or 5.0).",
            "The legacy backup wrote nested numbers, sets and binary values as their Python text "
                    + "(default=str), so they are restored as strings (S), not as N, SS, NS, BS or B.");

    private final S3Client s3;
    private final String bucket;
    private final StoredObject file;
    private final SourcePart part;

    private LegacyJsonSource(S3Client s3, String bucket, StoredObject file, SourcePart part) {
        this.s3 = s3;
        this.bucket = bucket;
        this.file = file;
        this.part = part;
    }

    /**
     * Finds the file and reads the start of it for {@code item_count}. Later reads are pinned to the
     * object seen here (its ETag), so verify and write read the same bytes; the source is then
     * immutable and safe to use from several threads.
     *
     * @throws ConfigException         if the bucket or key is blank
     * @throws BackupNotFoundException if there is no object at the key
     */
    public static LegacyJsonSource open(S3Client s3, String bucket, String key) {
        Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("backup_bucket", "the bucket holding the legacy backup file is required");
        }
        if (key == null || key.isBlank()) {
            throw new ConfigException("backup_file", "the key of the legacy backup file is required, such as "
                    + FOLDER + "app-users-backup-2024-05-06-07-08-09.json");
        }
        StoredObject file = StoredObject.require(s3, bucket, key);
        long expected;
        try (InputStream header = file.openStart(s3, HEADER_BYTES)) {
            expected = LegacyJsonFile.peekItemCount(header).orElse(-1);
        } catch (IOException e) {
            throw new CorruptBackupException(key, "could not be read: " + ErrorText.firstLine(e), e);
        }
        return new LegacyJsonSource(s3, bucket, file, new SourcePart(key, expected, file.bytes(), 0));
    }

    /**
     * The key of the table's latest legacy backup under {@value #FOLDER}: the greatest timestamp in
     * the name (LastModified says when the object was copied, not when the backup was made). Reads
     * every page of the listing.
     *
     * @throws dev.ddbbackup.core.config.ConfigException if {@code table} is not a valid table name
     */
    public static Optional<String> latestKey(S3Client s3, String bucket, String table) {
        return latestKey(s3, bucket, table, 1000);
    }

    static Optional<String> latestKey(S3Client s3, String bucket, String table, int pageSize) {
        TableNames.require("table_name", table);
        String prefix = FOLDER + table + "-backup-";
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(pageSize).build();
        String latestKey = null;
        String latestTimestamp = null;
        for (var page : s3.listObjectsV2Paginator(request)) {
            for (S3Object candidate : page.contents()) {
                String rest = candidate.key().substring(prefix.length());
                // Another table's files can share the prefix ("orders" and "orders-backup-x"); the
                // exact rest of the name tells them apart.
                if (!rest.endsWith(".json")) {
                    continue;
                }
                Matcher timestamp = TIMESTAMP.matcher(rest.substring(0, rest.length() - ".json".length()));
                if (timestamp.matches() && (latestTimestamp == null || timestamp.group().compareTo(latestTimestamp) > 0)) {
                    latestTimestamp = timestamp.group();
                    latestKey = candidate.key();
                }
            }
        }
        return Optional.ofNullable(latestKey);
    }

    @Override
    public String description() {
        return "s3://" + bucket + "/" + file.key();
    }

    @Override
    public String format() {
        return "legacy-json";
    }

    /** Always empty: the format records no table schema. */
    @Override
    public Optional<TableDescriptor> table() {
        return Optional.empty();
    }

    /** The file as its only part; its expected item count is the header's {@code item_count} when it precedes {@code data}. */
    @Override
    public List<SourcePart> parts() {
        return List.of(part);
    }

    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        requireOwn(part);
        try {
            LegacyJsonFile.verify(file.open(s3), file.key(), inspector);
        } catch (IOException e) {
            throw new CorruptBackupException(file.key(), "could not be read: " + ErrorText.firstLine(e), e);
        }
    }

    @Override
    public OperationReader open(SourcePart part) {
        requireOwn(part);
        return LegacyJsonFile.operations(file.open(s3), file.key());
    }

    @Override
    public List<String> warnings() {
        return WARNINGS;
    }

    private void requireOwn(SourcePart requested) {
        if (!part.equals(requested)) {
            throw new IllegalArgumentException("part " + requested.key() + " is not the part of " + description());
        }
    }
}
