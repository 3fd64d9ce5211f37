package dev.ddbbackup.backup;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.s3.S3WriteOptions;
import java.util.List;

/**
 * The backup function's configuration, read once from the environment and validated; each error
 * names the variable.
 *
 * <p>Variables: {@code TABLES} (comma-separated default table list), {@code BACKUP_BUCKET} (required),
 * {@code BACKUP_PREFIX} (default {@code dynamodb-backups}), {@code SUCCESS_TOPIC_ARN},
 * {@code FAILURE_TOPIC_ARN}, {@code SCAN_SEGMENTS} (1-1000; default from table size),
 * {@code SCAN_CONCURRENCY} (1-64, default 8), {@code MAX_READ_CAPACITY_FRACTION} (0-1],
 * {@code MAX_READ_CAPACITY_UNITS} (RCU/s), {@code VERIFY_AFTER_WRITE} (default true),
 * {@code METRICS_NAMESPACE} (default {@code BackupDR/Enhanced}), {@code KMS_KEY_ID} (SSE-KMS key for
 * objects; default: the bucket's encryption), {@code GZIP_LEVEL} (1-9, default 6),
 * {@code DEADLINE_MARGIN_SECONDS} (default 60), {@code OUTPUT_FORMAT} ({@code dynamodb-json}, the default:
 * DynamoDB's native export lines, which ImportTable reads; or {@code datapipeline}: AWS Data Pipeline
 * export lines).
 *
 * @param segments        scan segments, or null to derive them from table size
 * @param successTopicArn SNS topic for success summaries, or null to send none
 * @param failureTopicArn SNS topic for failure summaries, or null to send none
 */
public record BackupConfig(
        List<String> defaultTables,
        String bucket,
        BackupLayout layout,
        Integer segments,
        BackupOptions options,
        String successTopicArn,
        String failureTopicArn,
        String metricsNamespace) {

    public BackupConfig {
        defaultTables = List.copyOf(defaultTables);
    }

    private static Double positive(Settings env, String name, double max) {
        Double v = env.decimal(name, 0, max).orElse(null);
        if (v != null && v == 0) {
            throw new ConfigException(name, "must be above 0 and at most " + max + "; unset it for no cap");
        }
        return v;
    }

    public static BackupConfig from(Settings env) {
        String bucket = env.required("BACKUP_BUCKET", "set it to the name of the S3 bucket that receives backups");
        BackupLayout layout;
        try {
            layout = new BackupLayout(env.string("BACKUP_PREFIX", BackupLayout.DEFAULT_PREFIX));
        } catch (ConfigException e) {
            throw new ConfigException("BACKUP_PREFIX", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        Integer segments = env.optional("SCAN_SEGMENTS").map(v -> Settings.parseInt("SCAN_SEGMENTS", v, 1, BackupRequest.MAX_SEGMENTS))
                .orElse(null);
        BackupOptions options = new BackupOptions(
                env.integer("SCAN_CONCURRENCY", BackupOptions.DEFAULT.concurrency(), 1, 64),
                positive(env, "MAX_READ_CAPACITY_FRACTION", 1.0),
                positive(env, "MAX_READ_CAPACITY_UNITS", 1e9),
                env.bool("VERIFY_AFTER_WRITE", true),
                env.integer("GZIP_LEVEL", BackupOptions.DEFAULT.gzipLevel(), 1, 9),
                BackupOptions.DEFAULT.maxDataFileBytes(),
                new S3WriteOptions(S3WriteOptions.DEFAULT.partSizeBytes(), env.optional("KMS_KEY_ID").orElse(null)),
                env.integer("DEADLINE_MARGIN_SECONDS", 60, 0, 900) * 1000L,
                BackupOptions.outputFormat("OUTPUT_FORMAT", env.optional("OUTPUT_FORMAT").orElse(null)));
        return new BackupConfig(env.list("TABLES"), bucket, layout, segments, options,
                env.optional("SUCCESS_TOPIC_ARN").orElse(null), env.optional("FAILURE_TOPIC_ARN").orElse(null),
                env.string("METRICS_NAMESPACE", CloudWatchMetricsPublisher.DEFAULT_NAMESPACE));
    }
}
