package dev.ddbbackup.recovery;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.table.TableNames;
import dev.ddbbackup.core.write.BatchItemWriter;

/**
 * The recovery function's configuration, read once from the environment and validated; each error names
 * the variable.
 *
 * <p>Variables: {@code BACKUP_BUCKET} (default bucket of S3 restores and their checkpoints),
 * {@code BACKUP_PREFIX} (default {@code dynamodb-backups}; event keys must lie under it),
 * {@code SUCCESS_TOPIC_ARN}, {@code FAILURE_TOPIC_ARN}, {@code METRICS_NAMESPACE} (default
 * {@code BackupDR/Recovery}, the seed's), {@code WRITE_CONCURRENCY} (1-64, default 8),
 * {@code READ_CONCURRENCY} (1-32, default 4), {@code BATCH_SIZE} (1-25, default 25),
 * {@code MAX_WRITE_CAPACITY_UNITS} (WCU/s cap, default none), {@code VERIFY_ALL_FIRST_MAX_MB} (default
 * 2048), {@code READ_BACK} (default true), {@code DEADLINE_MARGIN_SECONDS} (default 60),
 * {@code SOURCE_TABLE} (default source of PITR restores), {@code RESTORE_ROLE_ARN} (IAM role AWS Backup
 * restores run as).
 *
 * @param bucket           default backup bucket, or null when every event must name one
 * @param defaultSourceTable default PITR source table, or null
 * @param restoreRoleArn   role for AWS Backup restore jobs, or null
 */
public record RecoveryConfig(
        String bucket,
        BackupLayout layout,
        int defaultBatchSize,
        Double maxWriteCapacityUnits,
        RestoreOptions options,
        String successTopicArn,
        String failureTopicArn,
        String metricsNamespace,
        String defaultSourceTable,
        String restoreRoleArn) {

    public static final String DEFAULT_NAMESPACE = "BackupDR/Recovery";

    public static RecoveryConfig from(Settings env) {
        BackupLayout layout;
        try {
            layout = new BackupLayout(env.string("BACKUP_PREFIX", BackupLayout.DEFAULT_PREFIX));
        } catch (ConfigException e) {
            throw new ConfigException("BACKUP_PREFIX", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        Double wcu = env.decimal("MAX_WRITE_CAPACITY_UNITS", 0, 1e9).orElse(null);
        if (wcu != null && wcu == 0) {
            throw new ConfigException("MAX_WRITE_CAPACITY_UNITS", "must be above 0; unset it for no cap");
        }
        RestoreOptions options = new RestoreOptions(
                env.integer("WRITE_CONCURRENCY", RestoreOptions.DEFAULT.writeConcurrency(), 1, 64),
                env.integer("READ_CONCURRENCY", RestoreOptions.DEFAULT.readConcurrency(), 1, 32),
                env.integer("VERIFY_ALL_FIRST_MAX_MB", 2048, 0, 1_000_000) * 1024L * 1024L,
                env.bool("READ_BACK", true),
                RestoreOptions.DEFAULT.maxAttempts(),
                env.integer("DEADLINE_MARGIN_SECONDS", 60, 0, 900) * 1000L);
        String source = env.optional("SOURCE_TABLE").map(t -> TableNames.require("SOURCE_TABLE", t)).orElse(null);
        return new RecoveryConfig(env.optional("BACKUP_BUCKET").orElse(null), layout,
                env.integer("BATCH_SIZE", BatchItemWriter.MAX_BATCH, 1, BatchItemWriter.MAX_BATCH), wcu, options,
                env.optional("SUCCESS_TOPIC_ARN").orElse(null), env.optional("FAILURE_TOPIC_ARN").orElse(null),
                env.string("METRICS_NAMESPACE", DEFAULT_NAMESPACE), source, env.optional("RESTORE_ROLE_ARN").orElse(null));
    }
}
