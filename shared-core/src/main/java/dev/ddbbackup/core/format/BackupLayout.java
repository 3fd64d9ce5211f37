package dev.ddbbackup.core.format;

import dev.ddbbackup.core.config.ConfigException;

/**
 * Where a backup's objects live: {@code {prefix}/{table}/{backupId}/data/...}, {@code manifest-files.json}
 * and {@code manifest.json}. The one place that builds backup keys.
 */
public record BackupLayout(String prefix) {

    public static final String DEFAULT_PREFIX = "dynamodb-backups";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_FILES = "manifest-files.json";
    /** Folder under the prefix that holds restore checkpoints; never listed as a table. */
    public static final String RESTORES_FOLDER = ".restores";

    /** Validates the prefix; a trailing slash is dropped, an empty prefix puts tables at the bucket root. */
    public BackupLayout {
        prefix = validatePrefix(prefix == null ? DEFAULT_PREFIX : prefix);
    }

    static String validatePrefix(String p) {
        String fix = "use a relative path like 'dynamodb-backups' or 'team/backups'";
        if (p.startsWith("/")) {
            throw new ConfigException("prefix", "must not start with '/'; " + fix);
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ConfigException("prefix", "must not contain control characters; " + fix);
            }
        }
        for (String part : p.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                throw new ConfigException("prefix", "must not contain '.' or '..' segments; " + fix);
            }
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.contains("//")) {
            throw new ConfigException("prefix", "must not contain empty segments ('//'); " + fix);
        }
        return p;
    }

    /** Folder of all backups of a table, ending with '/'. */
    public String tableFolder(String table) {
        return (prefix.isEmpty() ? "" : prefix + "/") + table + "/";
    }

    /** Folder of all tables, ending with '/' (empty for the bucket root). */
    public String rootFolder() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** Key of a restore's checkpoint object. */
    public String restoreCheckpointKey(String restoreId) {
        return rootFolder() + RESTORES_FOLDER + "/" + restoreId + ".json";
    }

    /** Folder of one backup, ending with '/'. */
    public String backupFolder(String table, BackupId id) {
        return tableFolder(table) + id.value() + "/";
    }

    public String dataKey(String table, BackupId id, int segment, int sequence) {
        return backupFolder(table, id) + String.format("data/%04d-%05d.json.gz", segment, sequence);
    }

    public String manifestKey(String table, BackupId id) {
        return backupFolder(table, id) + MANIFEST;
    }

    public String manifestFilesKey(String table, BackupId id) {
        return backupFolder(table, id) + MANIFEST_FILES;
    }

    /**
     * Resolves a data file key from a manifest-files line to where it is now. Full keys written here
     * are used as they are; a full key written under another prefix or bucket layout (the backup was
     * copied or moved) is rebased onto this backup's folder by its {@code {backupId}/data/} tail; keys
     * relative to the backup folder are joined to it. Anything escaping the data/ folder is refused.
     */
    public String resolveDataKey(String table, BackupId id, String keyInManifest) {
        String folder = backupFolder(table, id);
        String movedMarker = "/" + id.value() + "/data/";
        int moved = keyInManifest.lastIndexOf(movedMarker);
        String key = keyInManifest.startsWith(folder) ? keyInManifest
                : moved >= 0 ? folder + keyInManifest.substring(moved + id.value().length() + 2)
                : folder + keyInManifest;
        if (key.contains("/../") || key.contains("/./") || !key.startsWith(folder + "data/")) {
            throw new CorruptBackupException(folder, "manifest-files.json names a data file outside the backup's data/ folder: "
                    + keyInManifest);
        }
        return key;
    }
}
