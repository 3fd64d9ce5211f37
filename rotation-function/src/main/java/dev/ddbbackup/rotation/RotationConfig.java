package dev.ddbbackup.rotation;

import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.table.TableNames;
import java.time.Duration;
import java.util.List;

/**
 * The rotation function's configuration, read once from the environment and validated; each error
 * names the variable.
 *
 * <p>Variables: {@code MAX_BACKUPS} (1-1000, default 3: AVAILABLE backups kept per table, the new one
 * included), {@code MAX_AGE_DAYS} (1-36500; unset: prune by count only), {@code TABLES}
 * (comma-separated tables for events that name none), {@code SUCCESS_TOPIC_ARN},
 * {@code FAILURE_TOPIC_ARN}, {@code METRICS_NAMESPACE} (default {@code BackupDR/Rotation}),
 * {@code AVAILABLE_WAIT_SECONDS} (1-900, default 120: how long to wait for a new backup to become
 * AVAILABLE before giving up without pruning), {@code DEADLINE_MARGIN_SECONDS} (0-900, default 10).
 *
 * @param successTopicArn SNS topic for success summaries, or null to send none
 * @param failureTopicArn SNS topic for failure summaries, or null to send none
 */
public record RotationConfig(
        List<String> defaultTables,
        RetentionPolicy policy,
        String successTopicArn,
        String failureTopicArn,
        String metricsNamespace,
        Duration availableWait,
        long deadlineMarginMillis) {

    public static final String DEFAULT_NAMESPACE = "BackupDR/Rotation";

    public RotationConfig {
        defaultTables = List.copyOf(defaultTables);
    }

    public static RotationConfig from(Settings env) {
        List<String> tables = env.list("TABLES");
        tables.forEach(t -> TableNames.require("TABLES", t));
        RetentionPolicy policy = RetentionPolicy.of("MAX_BACKUPS",
                env.integer("MAX_BACKUPS", RetentionPolicy.DEFAULT_MAX_BACKUPS, 1, RetentionPolicy.MAX_KEEP),
                "MAX_AGE_DAYS",
                env.optional("MAX_AGE_DAYS").map(v -> Settings.parseInt("MAX_AGE_DAYS", v, 1, RetentionPolicy.MAX_AGE_DAYS)).orElse(null));
        return new RotationConfig(tables, policy,
                env.optional("SUCCESS_TOPIC_ARN").orElse(null), env.optional("FAILURE_TOPIC_ARN").orElse(null),
                env.string("METRICS_NAMESPACE", DEFAULT_NAMESPACE),
                Duration.ofSeconds(env.integer("AVAILABLE_WAIT_SECONDS", (int) RotationService.DEFAULT_AVAILABLE_WAIT.toSeconds(), 1, 900)),
                env.integer("DEADLINE_MARGIN_SECONDS", 10, 0, 900) * 1000L);
    }
}
