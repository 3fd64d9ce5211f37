package dev.ddbbackup.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.event.EventJson;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.table.TableNames;
import dev.ddbbackup.recovery.source.NativeExportSource;
import dev.ddbbackup.recovery.managed.AwsBackupRestoreRequest;
import dev.ddbbackup.recovery.managed.PitrRestoreRequest;
import java.time.Clock;

/**
 * Turns a recovery invocation event into a command.
 *
 * <ul>
 *   <li>Seed 001: {@code {"table_name","backup_bucket","backup_file","batch_size"}} restores into
 *       {@code table_name}; without {@code backup_file}, from the latest backup of {@code source_table}
 *       (default {@code table_name}). Optional: {@code target_table} (restore elsewhere; created when
 *       missing), {@code backup_id}, {@code mode} (overwrite | fail_if_exists), {@code max_write_capacity}.</li>
 *   <li>{@code {"restore_id": "..."}}: continue an INCOMPLETE restore.</li>
 *   <li>{@code {"restoreType":"PITR", ...}} and {@code {"restoreType":"BACKUP","recoveryPointArn": ...}} (seed 004):
 *       see {@link PitrRestoreRequest#fromEvent} and {@link AwsBackupRestoreRequest#fromEvent}.</li>
 * </ul>
 * Every error is a {@link ConfigException} naming the field and the fix; nothing has been touched then.
 */
public final class RecoveryEvent {

    private RecoveryEvent() {}

    /** What an event asks for. */
    public sealed interface Command {}

    /** Restore from S3. */
    public record S3Restore(RestoreRequest request) implements Command {}

    /** Continue the restore with this id, whose checkpoint is in {@code bucket}. */
    public record Resume(String bucket, String restoreId) implements Command {}

    /** DynamoDB's own point-in-time restore into a new table (seed 004). */
    public record Pitr(PitrRestoreRequest request) implements Command {}

    /** An AWS Backup restore job for a recovery point (seed 004). */
    public record AwsBackup(AwsBackupRestoreRequest request) implements Command {}

    private static final String EXAMPLE = "{\"table_name\":\"app-users\"}";

    public static Command parse(byte[] event, RecoveryConfig config) {
        return parse(event, config, Clock.systemUTC());
    }

    static Command parse(byte[] event, RecoveryConfig config, Clock clock) {
        JsonNode root = readTree(event);
        if (root.hasNonNull("restoreType")) {
            String type = text(root, "restoreType");
            return switch (type) {
                case "PITR" -> new Pitr(PitrRestoreRequest.fromEvent(root, config.defaultSourceTable(), clock));
                case "BACKUP" -> new AwsBackup(AwsBackupRestoreRequest.fromEvent(root, config.restoreRoleArn(), clock));
                default -> throw new ConfigException("restoreType", "must be PITR or BACKUP, got '" + type
                        + "'; leave it out to restore from S3");
            };
        }
        if (root.hasNonNull("restore_id")) {
            return new Resume(bucket(root, config), CheckpointStore.requireRestoreId("restore_id", text(root, "restore_id")));
        }
        return new S3Restore(s3Restore(root, config));
    }

    static RestoreRequest s3Restore(JsonNode root, RecoveryConfig config) {
        String tableName = optionalTable(root, "table_name");
        String target = optionalTable(root, "target_table");
        if (tableName == null && target == null) {
            throw new ConfigException("table_name", "is required: the table to restore into, e.g. "
                    + "{\"table_name\":\"app-users\",\"backup_bucket\":\"my-backups\"}");
        }
        String into = target != null ? target : tableName;
        String sourceTable = optionalTable(root, "source_table");
        String bucket = bucket(root, config);
        String file = root.hasNonNull("backup_file") ? checkedKey("backup_file", text(root, "backup_file"), config.layout()) : null;
        String backupId = root.hasNonNull("backup_id") ? text(root, "backup_id") : null;
        SourceSpec source;
        String format = root.hasNonNull("source") ? text(root, "source") : null;
        if ("native-export".equals(format) || root.hasNonNull(NativeExportSource.INPUT_FIELD)) {
            source = new SourceSpec.NativeExport(bucket, exportKeys(root, file, config.layout()));
        } else if ("legacy-json".equals(format)) {
            source = new SourceSpec.LegacyJson(bucket, file, sourceTable != null ? sourceTable : tableName != null ? tableName : into);
        } else if ("datapipeline".equals(format)) {
            if (file == null) {
                throw new ConfigException("backup_file", "is required for source datapipeline: the export's data file or folder");
            }
            source = new SourceSpec.DataPipeline(bucket, file);
        } else if (format != null && !"backup".equals(format)) {
            throw new ConfigException("source", "must be backup, legacy-json, datapipeline or native-export, got '" + format + "'");
        } else if (file != null) {
            source = sourceForKey(bucket, file, config.layout());
        } else {
            String of = sourceTable != null ? sourceTable : tableName != null ? tableName : into;
            source = new SourceSpec.Backup(bucket, config.layout().prefix(), of, backupId);
        }
        RestoreRequest.Mode mode = root.hasNonNull("mode") ? RestoreRequest.Mode.parse("mode", text(root, "mode")) : RestoreRequest.Mode.OVERWRITE;
        Double wcu = root.hasNonNull("max_write_capacity") ? Double.valueOf(positiveNumber(root, "max_write_capacity")) : config.maxWriteCapacityUnits();
        return new RestoreRequest(source, into, mode, batchSize(root, config), wcu, null);
    }

    private static java.util.List<String> exportKeys(JsonNode root, String file, BackupLayout layout) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        JsonNode exports = root.get(NativeExportSource.INPUT_FIELD);
        if (exports != null && !exports.isNull()) {
            if (!exports.isArray()) {
                throw new ConfigException(NativeExportSource.INPUT_FIELD, "must be an array of export folder keys, full export first or in any order");
            }
            for (JsonNode n : exports) {
                if (!n.isTextual()) {
                    throw new ConfigException(NativeExportSource.INPUT_FIELD, "every entry must be an S3 key string");
                }
                keys.add(checkedKey(NativeExportSource.INPUT_FIELD, n.asText(), layout));
            }
        } else if (file != null) {
            keys.add(file);
        }
        if (keys.isEmpty()) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, "is required for source native-export: the export folders "
                    + "(each holding manifest-summary.json), e.g. [\"" + layout.rootFolder() + "exports/AWSDynamoDB/01234567890123-abcdefgh/\"]");
        }
        return keys;
    }

    /**
     * Which source a key names when the event does not say: one of our backups (its manifest.json or
     * folder), or a seed 000 file ({@code {table}-backup-YYYY-MM-DD-HH-MM-SS.json}).
     */
    public static SourceSpec sourceForKey(String bucket, String key, BackupLayout layout) {
        String rest = key.substring(layout.rootFolder().length());
        String[] parts = rest.split("/");
        if (parts.length >= 2 && BackupId.isValid(parts[1])
                && (parts.length == 2 || parts.length == 3 && parts[2].equals(BackupLayout.MANIFEST))) {
            return new SourceSpec.Backup(bucket, layout.prefix(), parts[0], parts[1]);
        }
        java.util.regex.Matcher legacy = LEGACY_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
        if (legacy.matches()) {
            return new SourceSpec.LegacyJson(bucket, key, legacy.group(1));
        }
        throw new ConfigException("backup_file", "'" + key + "' is neither a backup's folder or manifest.json (like "
                + layout.rootFolder() + "MyTable/2026-11-21T01-00-00Z-ab12cd/manifest.json) nor a seed 000 file; "
                + "for other formats set source to legacy-json, datapipeline or native-export");
    }

    private static final java.util.regex.Pattern LEGACY_NAME =
            java.util.regex.Pattern.compile("(" + TableNames.REGEX + ")-backup-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.json");

    /** Refuses keys that climb out of, or lie outside, the configured prefix. */
    static String checkedKey(String field, String key, BackupLayout layout) {
        requireRelativeKey(field, key, layout.rootFolder());
        if (!key.startsWith(layout.rootFolder())) {
            throw new ConfigException(field, "'" + key + "' is outside the backup prefix '" + layout.rootFolder()
                    + "'; this function reads only under BACKUP_PREFIX");
        }
        return key;
    }

    /**
     * Refuses an S3 key that is absolute, holds a backslash, a control character, or a '.' or '..'
     * segment; {@code example} starts the key the error suggests.
     */
    public static String requireRelativeKey(String field, String key, String example) {
        if (key.isBlank() || key.startsWith("/") || key.contains("\\")) {
            throw new ConfigException(field, "must be an S3 key relative to the bucket, like " + example + "...");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new ConfigException(field, "must not contain '.' or '..' segments, got '" + key + "'");
            }
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < 0x20) {
                throw new ConfigException(field, "must not contain control characters");
            }
        }
        return key;
    }

    private static int batchSize(JsonNode root, RecoveryConfig config) {
        JsonNode n = root.get("batch_size");
        if (n == null || n.isNull()) {
            return config.defaultBatchSize();
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual() && n.asText().trim().matches("\\d{1,9}")) {
            return Integer.parseInt(n.asText().trim());
        }
        throw new ConfigException("batch_size", "must be a whole number from 1 to 25, got " + n);
    }

    private static double positiveNumber(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (!n.isNumber() || !(n.doubleValue() > 0)) {
            throw new ConfigException(field, "must be a number above 0, got " + n);
        }
        return n.doubleValue();
    }

    private static String bucket(JsonNode root, RecoveryConfig config) {
        String bucket = root.hasNonNull("backup_bucket") ? text(root, "backup_bucket") : config.bucket();
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("backup_bucket", "is required: put it in the event or set BACKUP_BUCKET");
        }
        return bucket;
    }

    private static String optionalTable(JsonNode root, String field) {
        return root.hasNonNull(field) ? TableNames.require(field, text(root, field)) : null;
    }

    static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (!n.isTextual()) {
            throw new ConfigException(field, "must be a string, got " + n.getNodeType());
        }
        return n.asText();
    }

    /** The event's fields (an EventBridge envelope's detail); a restore always needs some. */
    static JsonNode readTree(byte[] event) {
        JsonNode body = EventJson.body(event, EXAMPLE);
        if (body == null) {
            throw new ConfigException("event", "must be a JSON object like " + EXAMPLE);
        }
        return body;
    }
}
