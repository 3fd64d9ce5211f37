package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.errors.ErrorText;
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
    private final String key;
    private StoredObject object;
    private SourcePart part;

    /**
     * A source reading {@code s3://bucket/key}; nothing is read until {@link #parts()}.
     *
     * @throws IllegalArgumentException if bucket or key is blank
     */
    public LegacyJsonSource(S3Client s3, String bucket, String key) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a legacy backup source needs a bucket and a key");
        }
        this.bucket = bucket;
        this.key = key;
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
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String format() {
        return "legacy-json";
    }

    @Override
    public Optional<TableDescriptor> table() {
        return Optional.empty();
    }

    /** The file as its only part; its expected item count is the header's {@code item_count} when it precedes {@code data}. */
    @Override
    public synchronized List<SourcePart> parts() {
        if (part == null) {
            StoredObject found = StoredObject.require(s3, bucket, key);
            long expected;
            try (InputStream header = found.openStart(s3, HEADER_BYTES)) {
                expected = LegacyJsonFile.peekItemCount(header).orElse(-1);
            } catch (IOException e) {
                throw new CorruptBackupException(key, "could not be read: " + ErrorText.firstLine(e), e);
            }
            object = found;
            part = new SourcePart(key, expected, found.bytes(), 0);
        }
        return List.of(part);
    }

    @Override
    public void verify(SourcePart part, Consumer<ItemOperation> inspector) {
        StoredObject file = objectOf(part);
        try {
            LegacyJsonFile.verify(file.open(s3), key, inspector);
        } catch (IOException e) {
            throw new CorruptBackupException(key, "could not be read: " + ErrorText.firstLine(e), e);
        }
    }

    @Override
    public OperationReader open(SourcePart part) {
        return LegacyJsonFile.operations(objectOf(part).open(s3), key);
    }

    @Override
    public List<String> warnings() {
        return WARNINGS;
    }

    private StoredObject objectOf(SourcePart requested) {
        SourcePart listed = parts().get(0);
        if (!listed.equals(requested)) {
            throw new IllegalArgumentException("part " + requested.key() + " is not the part of " + description());
        }
        synchronized (this) {
            return object;
        }
    }
}
