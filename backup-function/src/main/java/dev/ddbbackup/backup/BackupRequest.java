package dev.ddbbackup.backup;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.table.TableNames;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One backup run: which tables, to which bucket and prefix, with how many scan segments.
 *
 * @param segments scan segments per table, or null to derive from table size
 */
public record BackupRequest(List<String> tables, String bucket, BackupLayout layout, Integer segments) {

    public static final int MAX_SEGMENTS = 1000;

    /** Validates everything before any call is made, so bad input changes nothing. */
    public BackupRequest {
        if (tables == null || tables.isEmpty()) {
            throw new ConfigException("tables", "no tables to back up; pass {\"tables\":[\"MyTable\"]} or set TABLES");
        }
        tables = List.copyOf(new LinkedHashSet<>(tables));
        for (String t : tables) {
            TableNames.require("tables", t);
        }
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("bucket", "no bucket; set BACKUP_BUCKET (or --bucket) to the backup bucket's name");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigException("bucket", "'" + bucket + "' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-')");
        }
        if (segments != null && (segments < 1 || segments > MAX_SEGMENTS)) {
            throw new ConfigException("segments", "must be between 1 and " + MAX_SEGMENTS + ", got " + segments);
        }
        if (layout == null) {
            layout = new BackupLayout(null);
        }
    }
}
