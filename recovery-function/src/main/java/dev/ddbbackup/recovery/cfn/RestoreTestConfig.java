package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import java.time.Duration;

/**
 * The restore-test handler's configuration, read once from the environment and validated; each error
 * names the variable.
 *
 * <p>Variables: {@code RESTORE_TEST_TABLE} (default for the {@code TableName} property),
 * {@code BACKUP_BUCKET} (default for {@code BackupBucket}), {@code BACKUP_PREFIX} (default for
 * {@code BackupPrefix}, itself defaulting to {@code dynamodb-backups}), {@code RESPONSE_MARGIN_SECONDS}
 * (Lambda time kept for answering CloudFormation, default 30), {@code CLEANUP_MARGIN_SECONDS} (time
 * before that at which the test is asked to stop and delete its scratch table, default 60).
 *
 * @param defaultTable   table to test when the resource names none, or null
 * @param defaultBucket  backup bucket when the resource names none, or null
 * @param defaultPrefix  backup prefix when the resource names none
 * @param responseMargin when this much Lambda time is left the handler stops waiting and answers
 * @param cleanupMargin  extra time before the response margin at which the test's deadline is near
 */
public record RestoreTestConfig(
        String defaultTable,
        String defaultBucket,
        String defaultPrefix,
        Duration responseMargin,
        Duration cleanupMargin) {

    static final String TABLE_ENV = "RESTORE_TEST_TABLE";
    static final String BUCKET_ENV = "BACKUP_BUCKET";
    static final String PREFIX_ENV = "BACKUP_PREFIX";
    static final String RESPONSE_MARGIN_ENV = "RESPONSE_MARGIN_SECONDS";
    static final String CLEANUP_MARGIN_ENV = "CLEANUP_MARGIN_SECONDS";

    public RestoreTestConfig {
        if (defaultTable != null) {
            RestoreTestRequest.checkTableName(TABLE_ENV, defaultTable);
        }
        if (defaultBucket != null) {
            RestoreTestRequest.checkBucket(BUCKET_ENV, defaultBucket);
        }
        defaultPrefix = RestoreTestRequest.checkPrefix(PREFIX_ENV, defaultPrefix);
        if (responseMargin == null || responseMargin.isNegative() || responseMargin.isZero()) {
            throw new IllegalArgumentException("response margin must be positive");
        }
        if (cleanupMargin == null || cleanupMargin.isNegative()) {
            throw new IllegalArgumentException("cleanup margin must not be negative");
        }
    }

    public static RestoreTestConfig from(Settings env) {
        return new RestoreTestConfig(
                env.optional(TABLE_ENV).orElse(null),
                env.optional(BUCKET_ENV).orElse(null),
                env.string(PREFIX_ENV, BackupLayout.DEFAULT_PREFIX),
                seconds(env, RESPONSE_MARGIN_ENV, 30, 0.1),
                seconds(env, CLEANUP_MARGIN_ENV, 60, 0));
    }

    private static Duration seconds(Settings env, String name, double defaultSeconds, double min) {
        double s = env.decimal(name, min, 600).orElse(defaultSeconds);
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
