package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationConfigTest {

    @Test
    void from_tablesOnly_hasDefaultsAndNoChecks() {
        ValidationConfig c = ValidationConfig.from(env("PROTECTED_TABLES", "Orders, Customers,Orders"));

        assertThat(c.plan().tables()).containsExactly("Orders", "Customers");
        assertThat(c.plan().s3()).isNull();
        assertThat(c.plan().backupJobWindow()).isNull();
        assertThat(c.plan().maxPitrLag()).isNull();
        assertThat(c.plan().nativeMaxAge()).isNull();
        assertThat(c.plan().drill()).isFalse();
        assertThat(c.plan().hasChecks()).isFalse();
        assertThat(c.metricsNamespace()).isEqualTo("BackupDR/Validation");
        assertThat(c.restoreTest()).isEqualTo(new RestoreTestOptions(1, 100));
        assertThat(c.deadlineMarginMillis()).isEqualTo(60_000);
    }

    @Test
    void from_everyCheck_readsEachThreshold() {
        ValidationConfig c = ValidationConfig.from(env("PROTECTED_TABLES", "Orders", "BACKUP_BUCKET", "my-backups",
                "BACKUP_PREFIX", "team/backups/", "MAX_BACKUP_AGE_HOURS", "12.5", "CHECK_AWS_BACKUP_JOBS", "true",
                "BACKUP_JOB_WINDOW_HOURS", "48", "CHECK_PITR", "yes", "MAX_PITR_LAG_MINUTES", "10",
                "NATIVE_BACKUP_MAX_AGE_HOURS", "30", "RESTORE_DRILL", "true", "RESTORE_TEST_MIN_ITEMS", "0",
                "RESTORE_TEST_SAMPLE_KEYS", "0", "METRICS_NAMESPACE", "Ns", "SUCCESS_TOPIC_ARN", "arn:ok", "FAILURE_TOPIC_ARN", "arn:fail"));

        assertThat(c.plan().s3().bucket()).isEqualTo("my-backups");
        assertThat(c.plan().s3().layout().prefix()).isEqualTo("team/backups");
        assertThat(c.plan().s3().maxBackupAge()).isEqualTo(Duration.ofMinutes(750));
        assertThat(c.plan().backupJobWindow()).isEqualTo(Duration.ofHours(48));
        assertThat(c.plan().maxPitrLag()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.plan().nativeMaxAge()).isEqualTo(Duration.ofHours(30));
        assertThat(c.plan().drill()).isTrue();
        assertThat(c.restoreTest()).isEqualTo(new RestoreTestOptions(0, 0));
        assertThat(c.successTopicArn()).isEqualTo("arn:ok");
        assertThat(c.failureTopicArn()).isEqualTo("arn:fail");
        assertThat(c.metricsNamespace()).isEqualTo("Ns");
    }

    @Test
    void from_defaultsOfSwitchedOnChecks() {
        ValidationConfig c = ValidationConfig.from(env("PROTECTED_TABLES", "Orders", "BACKUP_BUCKET", "my-backups",
                "CHECK_AWS_BACKUP_JOBS", "true", "CHECK_PITR", "true"));

        assertThat(c.plan().s3().maxBackupAge()).isEqualTo(Duration.ofHours(26));
        assertThat(c.plan().s3().layout().prefix()).isEqualTo("dynamodb-backups");
        assertThat(c.plan().backupJobWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.plan().maxPitrLag()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void from_badSettings_nameTheVariable() {
        assertError(env(), "PROTECTED_TABLES: is not set; list the tables to validate, comma-separated, like Orders,Customers");
        assertError(env("PROTECTED_TABLES", "Orders,x"), "PROTECTED_TABLES: 'x' is not a valid table name: use 3-255 characters "
                + "from a-z, A-Z, 0-9, '_', '-', '.'");
        assertError(env("PROTECTED_TABLES", "Orders", "MAX_BACKUP_AGE_HOURS", "-1"),
                "MAX_BACKUP_AGE_HOURS: must be between 0.0 and 87600.0, got -1");
        assertError(env("PROTECTED_TABLES", "Orders", "MAX_BACKUP_AGE_HOURS", "0"),
                "MAX_BACKUP_AGE_HOURS: must be a number of hours above 0 and at most 87600, got 0.0");
        assertError(env("PROTECTED_TABLES", "Orders", "CHECK_PITR", "true", "MAX_PITR_LAG_MINUTES", "-5"),
                "MAX_PITR_LAG_MINUTES: must be between 0.0 and 5256000.0, got -5");
        assertError(env("PROTECTED_TABLES", "Orders", "CHECK_AWS_BACKUP_JOBS", "true", "BACKUP_JOB_WINDOW_HOURS", "-24"),
                "BACKUP_JOB_WINDOW_HOURS: must be between 0.0 and 87600.0, got -24");
        assertError(env("PROTECTED_TABLES", "Orders", "NATIVE_BACKUP_MAX_AGE_HOURS", "-1"),
                "NATIVE_BACKUP_MAX_AGE_HOURS: must be between 0.0 and 87600.0, got -1");
        assertError(env("PROTECTED_TABLES", "Orders", "CHECK_PITR", "maybe"), "CHECK_PITR: must be true or false, got 'maybe'");
        assertError(env("PROTECTED_TABLES", "Orders", "BACKUP_BUCKET", "s3://my-backups"),
                "BACKUP_BUCKET: 's3://my-backups' is not an S3 bucket name (3-63 lowercase letters, digits, '.', '-'; no s3:// and no path)");
        assertError(env("PROTECTED_TABLES", "Orders", "BACKUP_BUCKET", "b-1", "BACKUP_PREFIX", "/abs"),
                "BACKUP_PREFIX: must not start with '/'; use a relative path like 'dynamodb-backups' or 'team/backups'");
        assertError(env("PROTECTED_TABLES", "Orders", "RESTORE_DRILL", "true"),
                "RESTORE_DRILL: a restore drill restores the latest S3 backup, so it needs the backup bucket; set BACKUP_BUCKET");
        assertError(env("PROTECTED_TABLES", "Orders", "RESTORE_TEST_SAMPLE_KEYS", "-1"),
                "RESTORE_TEST_SAMPLE_KEYS: must be between 0 and 10000, got -1");
    }

    @Test
    void withDrill_withoutBucket_namesTheEventField() {
        ValidationPlan plan = ValidationConfig.from(env("PROTECTED_TABLES", "Orders", "CHECK_PITR", "true")).plan();

        assertThatThrownBy(() -> plan.withDrill("drill")).isInstanceOf(ConfigException.class)
                .hasMessage("drill: asks for a restore drill, which restores the latest S3 backup, but no backup bucket is configured; "
                        + "set BACKUP_BUCKET");
    }

    private static void assertError(Settings env, String message) {
        assertThatThrownBy(() -> ValidationConfig.from(env)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    private static Settings env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Settings(m);
    }
}
