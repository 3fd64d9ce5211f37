package dev.ddbbackup.core.format;

/** A backup's address: bucket, layout, table and id. */
public record BackupRef(String bucket, BackupLayout layout, String table, BackupId id) {

    public String folder() {
        return layout.backupFolder(table, id);
    }

    public String manifestKey() {
        return layout.manifestKey(table, id);
    }

    public String manifestFilesKey() {
        return layout.manifestFilesKey(table, id);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + folder();
    }
}
