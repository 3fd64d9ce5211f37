package dev.ddbbackup.recovery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupId;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.recovery.source.BackupSource;
import dev.ddbbackup.recovery.source.DataPipelineSource;
import dev.ddbbackup.recovery.source.LegacyJsonSource;
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
        @JsonSubTypes.Type(value = SourceSpec.NativeExport.class, name = "native-export"),
        @JsonSubTypes.Type(value = SourceSpec.LegacyJson.class, name = "legacy-json"),
        @JsonSubTypes.Type(value = SourceSpec.DataPipeline.class, name = "datapipeline")})
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
     * A backup in this suite's format: a given backupId, or the latest complete backup when null. When
     * the table has no backup in this format but has seed 000 files, "latest" is the latest of those.
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
            var latest = catalog.latest(table);
            if (latest.isPresent()) {
                return new Backup(bucket, prefix, table, latest.get().id().value());
            }
            return LegacyJsonSource.latestKey(s3, bucket, table).<SourceSpec>map(key -> new LegacyJson(bucket, key, table))
                    .orElseThrow(() -> new BackupNotFoundException("no complete backup of table " + table + " under s3://" + bucket + "/"
                            + catalog.layout().tableFolder(table) + " (nor a seed 000 file " + LegacyJsonSource.FOLDER + table
                            + "-backup-*.json); check the bucket, prefix and table name, or run 'ddb-backup list'"));
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

    /** A seed 000 "version 2.0" JSON file; the latest one of {@code table} when {@code key} is null. */
    record LegacyJson(String bucket, String key, String table) implements SourceSpec {

        @Override
        public SourceSpec resolve(S3Client s3) {
            if (key != null) {
                return this;
            }
            return new LegacyJson(bucket, LegacyJsonSource.latestKey(s3, bucket, table).orElseThrow(() -> new BackupNotFoundException(
                    "no seed 000 backup file " + LegacyJsonSource.FOLDER + table + "-backup-*.json in bucket " + bucket)), table);
        }

        @Override
        public RestoreSource open(S3Client s3) {
            return LegacyJsonSource.open(s3, bucket, key);
        }

        @Override
        public String sourceTable() {
            return table;
        }
    }

    /** An AWS Data Pipeline export: one data file, or a folder with its {@code manifest}. */
    record DataPipeline(String bucket, String key) implements SourceSpec {

        @Override
        public SourceSpec resolve(S3Client s3) {
            return this;
        }

        @Override
        public RestoreSource open(S3Client s3) {
            return DataPipelineSource.open(s3, bucket, key);
        }

        @Override
        public String sourceTable() {
            return null;
        }
    }
}
