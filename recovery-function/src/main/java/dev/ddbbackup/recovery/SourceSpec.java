package dev.ddbbackup.recovery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.recovery.source.BackupSource;
import dev.ddbbackup.recovery.source.NativeExportSource;
import dev.ddbbackup.recovery.source.RestoreSource;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which data a restore reads, as the request names it. {@link #resolve} pins a moving reference (the
 * latest backup) to a fixed one, which is what a checkpoint records so a resumed restore reads exactly
 * the same data.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = SourceSpec.Backup.class, name = "backup"),
        @JsonSubTypes.Type(value = SourceSpec.NativeExport.class, name = "native-export")})
public sealed interface SourceSpec {

    /** The same source with every moving reference pinned. */
    SourceSpec resolve(S3Client s3);

    /** Opens the (resolved) source; reads and checks whatever manifests it has. */
    RestoreSource open(S3Client s3);

    /** The table the source was taken from, when known; the default target. */
    String sourceTable();

    /** The bucket the source is in; restore checkpoints are kept there too. */
    String bucket();

    /**
     * A backup in this suite's format: a given backupId, or the latest complete backup when null.
     */
    record Backup(String bucket, String prefix, String table, String backupId) implements SourceSpec {

        public Backup {
            new BackupLayout(prefix);
            if (backupId != null && !BackupId.isValid(backupId)) {
                throw new dev.ddbbackup.core.config.ConfigException("backup_id", "'" + backupId
                        + "' is not a backup id (like 2026-11-21T01-00-00Z-ab12cd); run 'ddb-backup list' to see them");
            }
        }

        @Override
        public SourceSpec resolve(S3Client s3) {
            if (backupId != null) {
                return this;
            }
            BackupCatalog catalog = new BackupCatalog(s3, bucket, new BackupLayout(prefix));
            BackupRef latest = catalog.latest(table).orElseThrow(() -> new BackupNotFoundException(
                    "no complete backup of table " + table + " under s3://" + bucket + "/" + catalog.layout().tableFolder(table)
                            + "; check the bucket, prefix and table name, or run 'ddb-backup list'"));
            return new Backup(bucket, prefix, table, latest.id().value());
        }

        @Override
        public RestoreSource open(S3Client s3) {
            BackupCatalog catalog = new BackupCatalog(s3, bucket, new BackupLayout(prefix));
            return BackupSource.open(catalog, catalog.get(table, new BackupId(backupId)));
        }

        @Override
        public String sourceTable() {
            return table;
        }
    }

    /** DynamoDB native export folders: one full export and/or incremental exports, applied in time order. */
    record NativeExport(String bucket, List<String> exportKeys) implements SourceSpec {

        public NativeExport {
            exportKeys = List.copyOf(exportKeys);
            if (exportKeys.isEmpty()) {
                throw new dev.ddbbackup.core.config.ConfigException(NativeExportSource.INPUT_FIELD,
                        "name at least one export folder (the folder holding manifest-summary.json)");
            }
        }

        @Override
        public SourceSpec resolve(S3Client s3) {
            return this;
        }

        @Override
        public RestoreSource open(S3Client s3) {
            return NativeExportSource.open(s3, bucket, exportKeys);
        }

        @Override
        public String sourceTable() {
            return null;
        }
    }
}
