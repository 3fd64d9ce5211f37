package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.table.TableNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What one restore test checks: the latest backup of {@code tableName} in
 * {@code s3://backupBucket/prefix/}, restored into {@code scratchTable}, which the test creates, compares
 * and deletes.
 *
 * <p>Built by {@link #fromProperties} from the custom resource's {@code TableName}, {@code BackupBucket}
 * and {@code BackupPrefix} properties, with defaults from the environment ({@link RestoreTestConfig}).
 * The scratch table is named by the caller, not by the test, so that a test cut short by the Lambda
 * timeout can still be reported with the name of the table it may have left behind.
 *
 * @param tableName    the table whose backups are tested (its backups live under {@code prefix/tableName/})
 * @param backupBucket the bucket name, without {@code s3://}
 * @param prefix       the backup prefix, as {@link BackupLayout} normalises it ("" for the bucket root)
 * @param scratchTable the new table to restore into; never the table under test
 */
public record RestoreTestRequest(String tableName, String backupBucket, String prefix, String scratchTable) {

    public static final String TABLE_NAME = "TableName";
    public static final String BACKUP_BUCKET = "BackupBucket";
    public static final String BACKUP_PREFIX = "BackupPrefix";

    // Legacy us-east-1 buckets may hold upper case and underscores; reject only what is never a bucket name.
    private static final Pattern BUCKET_PATTERN = Pattern.compile("[A-Za-z0-9._-]{3,255}");
    private static final DateTimeFormatter SCRATCH_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public RestoreTestRequest {
        tableName = checkTableName(TABLE_NAME, tableName);
        backupBucket = checkBucket(BACKUP_BUCKET, backupBucket);
        prefix = checkPrefix(BACKUP_PREFIX, prefix);
        if (!TableNames.isValid(scratchTable)) {
            throw new IllegalArgumentException("scratch table name must be 3-255 letters, digits, '_', '-' or '.', got '"
                    + scratchTable + "'");
        }
        if (scratchTable.equals(tableName)) {
            // The test deletes its scratch table when it is done.
            throw new IllegalArgumentException("the scratch table must not be the table under test (" + tableName + ")");
        }
    }

    /**
     * The request for a custom resource's properties: each property falls back to its environment default;
     * the scratch table is named after the table, {@code startedAt} and a random suffix, so a retried
     * invocation never collides with a table an earlier attempt left behind.
     *
     * @throws ConfigException naming the property when it is missing (and has no default) or invalid
     */
    public static RestoreTestRequest fromProperties(Map<String, String> properties, RestoreTestConfig config, Instant startedAt) {
        String table = property(properties, TABLE_NAME, config.defaultTable(), RestoreTestConfig.TABLE_ENV,
                "the name of the DynamoDB table whose latest backup to test");
        String bucket = property(properties, BACKUP_BUCKET, config.defaultBucket(), RestoreTestConfig.BUCKET_ENV,
                "the name of the S3 bucket that holds the backups");
        String prefix = property(properties, BACKUP_PREFIX, config.defaultPrefix(), RestoreTestConfig.PREFIX_ENV,
                "the backup prefix, like '" + BackupLayout.DEFAULT_PREFIX + "'");
        table = checkTableName(TABLE_NAME, table);
        return new RestoreTestRequest(table, bucket, prefix, scratchTableName(table, startedAt));
    }

    /** The backup layout under the request's prefix. */
    public BackupLayout layout() {
        return new BackupLayout(prefix);
    }

    /**
     * A scratch table name for a test of {@code table} starting at {@code startedAt}:
     * {@code {table}-restore-test-{time}-{random}}, the table name shortened to keep within 255 characters.
     */
    public static String scratchTableName(String table, Instant startedAt) {
        String suffix = String.format("-restore-test-%s-%04x", SCRATCH_TIME.format(startedAt),
                ThreadLocalRandom.current().nextInt(0x10000));
        return table.substring(0, Math.min(table.length(), 255 - suffix.length())) + suffix;
    }

    private static String property(Map<String, String> properties, String name, String defaultValue, String env, String what) {
        String v = properties.get(name);
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        if (defaultValue != null) {
            return defaultValue;
        }
        throw new ConfigException(name, "is not set; add " + name + " (" + what + ") to the custom resource's Properties, or set "
                + env + " on the function");
    }

    static String checkTableName(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new ConfigException(field, "is required; give the DynamoDB table name");
        }
        if (!TableNames.isValid(v)) {
            throw new ConfigException(field, "must be a DynamoDB table name (3-255 letters, digits, '_', '-' or '.'), not an ARN; got '"
                    + shorten(v) + "'");
        }
        return v;
    }

    static String checkBucket(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new ConfigException(field, "is required; give the S3 bucket name");
        }
        if (!BUCKET_PATTERN.matcher(v).matches()) {
            throw new ConfigException(field, "must be a bucket name like 'my-backups' (no s3://, no ARN, no path); got '"
                    + shorten(v) + "'");
        }
        return v;
    }

    static String checkPrefix(String field, String v) {
        try {
            return new BackupLayout(v).prefix();
        } catch (ConfigException e) {
            // BackupLayout names its own "prefix" field; the caller knows the property or variable at fault.
            throw new ConfigException(field, e.getMessage().substring(e.field().length() + 2));
        }
    }

    private static String shorten(String v) {
        return v.length() <= 100 ? v : v.substring(0, 100) + "...";
    }
}
