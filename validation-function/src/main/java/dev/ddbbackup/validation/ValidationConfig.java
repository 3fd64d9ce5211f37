package dev.ddbbackup.validation;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import java.time.Duration;

/**
 * The validation function's configuration, read once from the environment and validated; each error names
 * the variable.
 *
 * <p>Variables: {@code PROTECTED_TABLES} (required, comma-separated table names), {@code BACKUP_BUCKET}
 * (S3 checks run when set), {@code BACKUP_PREFIX} (default {@code dynamodb-backups}),
 * {@code MAX_BACKUP_AGE_HOURS} (the RPO, default 26), {@code CHECK_AWS_BACKUP_JOBS} (default false),
 * {@code BACKUP_JOB_WINDOW_HOURS} (default 24), {@code CHECK_PITR} (default false),
 * {@code MAX_PITR_LAG_MINUTES} (default 15), {@code NATIVE_BACKUP_MAX_AGE_HOURS} (the native-backup check
 * runs when set), {@code RESTORE_DRILL} (default false; needs {@code BACKUP_BUCKET}),
 * {@code RESTORE_TEST_MIN_ITEMS} (default 1), {@code RESTORE_TEST_SAMPLE_KEYS} (default 100, 0 for none),
 * {@code SUCCESS_TOPIC_ARN}, {@code FAILURE_TOPIC_ARN}, {@code METRICS_NAMESPACE} (default
 * {@code BackupDR/Validation}), {@code DEADLINE_MARGIN_SECONDS} (default 60).
 *
 * @param successTopicArn SNS topic for runs without a FAIL, or null to send none
 * @param failureTopicArn SNS topic for runs with a FAIL, or null to send none
 */
public record ValidationConfig(
        ValidationPlan plan,
        RestoreTestOptions restoreTest,
        String successTopicArn,
        String failureTopicArn,
        String metricsNamespace,
        long deadlineMarginMillis) {

    public static final String DEFAULT_NAMESPACE = "BackupDR/Validation";
    public static final double DEFAULT_MAX_BACKUP_AGE_HOURS = 26;
    public static final double DEFAULT_JOB_WINDOW_HOURS = 24;
    public static final double DEFAULT_MAX_PITR_LAG_MINUTES = 15;

    public static ValidationConfig from(Settings env) {
        ValidationPlan.Fields fields = ValidationPlan.Fields.ENVIRONMENT;
        if (env.list("PROTECTED_TABLES").isEmpty()) {
            throw new ConfigException("PROTECTED_TABLES", "is not set; list the tables to validate, comma-separated, like Orders,Customers");
        }
        ValidationPlan.S3Target s3 = null;
        Duration maxAge = ValidationPlan.hours("MAX_BACKUP_AGE_HOURS", hours(env, "MAX_BACKUP_AGE_HOURS", DEFAULT_MAX_BACKUP_AGE_HOURS));
        if (env.optional("BACKUP_BUCKET").isPresent()) {
            BackupLayout layout;
            try {
                layout = new BackupLayout(env.string("BACKUP_PREFIX", BackupLayout.DEFAULT_PREFIX));
            } catch (ConfigException e) {
                throw new ConfigException("BACKUP_PREFIX", e.getMessage().substring(e.field().length() + 2));
            }
            s3 = new ValidationPlan.S3Target(env.optional("BACKUP_BUCKET").get(), layout, maxAge, "BACKUP_BUCKET");
        }
        Duration window = env.bool("CHECK_AWS_BACKUP_JOBS", false)
                ? ValidationPlan.hours("BACKUP_JOB_WINDOW_HOURS", hours(env, "BACKUP_JOB_WINDOW_HOURS", DEFAULT_JOB_WINDOW_HOURS))
                : null;
        Duration pitrLag = env.bool("CHECK_PITR", false)
                ? ValidationPlan.minutes("MAX_PITR_LAG_MINUTES", number(env, "MAX_PITR_LAG_MINUTES", DEFAULT_MAX_PITR_LAG_MINUTES,
                        ValidationPlan.MAX_HOURS * 60))
                : null;
        Duration nativeAge = env.optional("NATIVE_BACKUP_MAX_AGE_HOURS").isPresent()
                ? ValidationPlan.hours("NATIVE_BACKUP_MAX_AGE_HOURS", hours(env, "NATIVE_BACKUP_MAX_AGE_HOURS", 0))
                : null;
        ValidationPlan plan = new ValidationPlan(env.list("PROTECTED_TABLES"), s3, window, pitrLag, nativeAge,
                env.bool("RESTORE_DRILL", false), fields);
        RestoreTestOptions restoreTest = new RestoreTestOptions(
                env.integer("RESTORE_TEST_MIN_ITEMS", RestoreTestOptions.DEFAULT.minItems(), 0, Integer.MAX_VALUE),
                env.integer("RESTORE_TEST_SAMPLE_KEYS", RestoreTestOptions.DEFAULT.sampleKeys(), 0, RestoreTestOptions.MAX_SAMPLE_KEYS));
        return new ValidationConfig(plan, restoreTest, env.optional("SUCCESS_TOPIC_ARN").orElse(null),
                env.optional("FAILURE_TOPIC_ARN").orElse(null), env.string("METRICS_NAMESPACE", DEFAULT_NAMESPACE),
                env.integer("DEADLINE_MARGIN_SECONDS", 60, 0, 900) * 1000L);
    }

    private static double hours(Settings env, String name, double defaultValue) {
        return number(env, name, defaultValue, ValidationPlan.MAX_HOURS);
    }

    /** A number of hours or minutes; negative values are refused here, naming the variable. */
    private static double number(Settings env, String name, double defaultValue, double max) {
        return env.decimal(name, 0, max).orElse(defaultValue);
    }
}
