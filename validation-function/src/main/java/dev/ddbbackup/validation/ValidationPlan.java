package dev.ddbbackup.validation;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.table.TableNames;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which checks a scheduled validation runs, on which tables, with which thresholds. The Lambda builds it
 * from its environment ({@link ValidationConfig}), the CLI from its flags; a check whose setting is null
 * does not run.
 *
 * @param tables          the protected tables, at least one
 * @param s3              the S3 backups to check, or null for no S3 checks
 * @param backupJobWindow how far back AWS Backup jobs are listed, or null for no AWS Backup job check
 * @param maxPitrLag      how far LatestRestorableDateTime may lag behind now, or null for no PITR check
 * @param nativeMaxAge    how old the newest AVAILABLE native backup may be, or null for no native check
 * @param drill           restore the latest S3 backup into a scratch table and compare every item (needs {@code s3})
 * @param fields          the names of the settings this plan came from, for error messages
 */
public record ValidationPlan(
        List<String> tables,
        S3Target s3,
        Duration backupJobWindow,
        Duration maxPitrLag,
        Duration nativeMaxAge,
        boolean drill,
        Fields fields) {

    /** At most about ten years, in hours: anything longer is a typo, not a threshold. */
    public static final double MAX_HOURS = 87_600;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ValidationPlan {
        if (fields == null) {
            throw new IllegalArgumentException("fields are required");
        }
        if (tables == null || tables.isEmpty()) {
            throw new ConfigException(fields.tables(), "no tables to validate; name at least one protected table");
        }
        LinkedHashSet<String> checked = new LinkedHashSet<>();
        for (String t : tables) {
            checked.add(TableNames.require(fields.tables(), t == null ? null : t.trim()));
        }
        tables = List.copyOf(checked);
        positive(backupJobWindow, "backupJobWindow");
        positive(maxPitrLag, "maxPitrLag");
        positive(nativeMaxAge, "nativeMaxAge");
        if (drill && s3 == null) {
            throw new ConfigException(fields.drill(), "a restore drill restores the latest S3 backup, so it needs the backup bucket; set "
                    + fields.bucket());
        }
    }

    /** True when at least one check is configured. */
    public boolean hasChecks() {
        return s3 != null || backupJobWindow != null || maxPitrLag != null || nativeMaxAge != null;
    }

    /** This plan with the restore drill switched on (an event can ask for one). */
    public ValidationPlan withDrill(String field) {
        if (s3 == null) {
            throw new ConfigException(field, "asks for a restore drill, which restores the latest S3 backup, but no backup bucket is "
                    + "configured; set " + fields.bucket());
        }
        return new ValidationPlan(tables, s3, backupJobWindow, maxPitrLag, nativeMaxAge, true, fields);
    }

    /**
     * A positive threshold in hours (fractions allowed) as a duration.
     *
     * @throws ConfigException naming {@code field} when it is not above 0 or is absurdly large
     */
    public static Duration hours(String field, double hours) {
        if (!(hours > 0) || hours > MAX_HOURS) {
            throw new ConfigException(field, "must be a number of hours above 0 and at most " + (long) MAX_HOURS + ", got " + hours);
        }
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    /**
     * A positive threshold in minutes (fractions allowed) as a duration.
     *
     * @throws ConfigException naming {@code field} when it is not above 0 or is absurdly large
     */
    public static Duration minutes(String field, double minutes) {
        if (!(minutes > 0) || minutes > MAX_HOURS * 60) {
            throw new ConfigException(field, "must be a number of minutes above 0 and at most " + (long) (MAX_HOURS * 60) + ", got " + minutes);
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    private static void positive(Duration d, String what) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /**
     * Where the S3 backups are and how old the latest may be.
     *
     * @param maxBackupAge the RPO: the latest complete backup must have started less than this long ago
     */
    public record S3Target(String bucket, BackupLayout layout, Duration maxBackupAge, String bucketField) {

        public S3Target {
            if (bucket == null || bucket.isBlank()) {
                throw new ConfigException(bucketField, "is required: the S3 bucket holding the backups");
            }
            if (!BUCKET.matcher(bucket).matches()) {
                throw new ConfigException(bucketField, "'" + bucket + "' is not an S3 bucket name (3-63 lowercase letters, digits, "
                        + "'.', '-'; no s3:// and no path)");
            }
            if (layout == null) {
                layout = new BackupLayout(null);
            }
            positive(maxBackupAge, "maxBackupAge");
            if (maxBackupAge == null) {
                throw new IllegalArgumentException("maxBackupAge is required");
            }
        }

        /** {@code s3://bucket/prefix/table/}, for messages. */
        public String tableLocation(String table) {
            return "s3://" + bucket + "/" + layout.tableFolder(table);
        }
    }

    /**
     * The names of the settings a plan came from, so an error names what the user set: environment
     * variables for the Lambda, options for the CLI.
     *
     * @param tables  the setting listing the tables
     * @param bucket  the setting naming the backup bucket
     * @param drill   the setting switching the restore drill on
     * @param enable  how to switch checks on, for the error when none is
     */
    public record Fields(String tables, String bucket, String drill, String enable) {

        /** The Lambda's environment variables. */
        public static final Fields ENVIRONMENT = new Fields("PROTECTED_TABLES", "BACKUP_BUCKET", "RESTORE_DRILL",
                "set BACKUP_BUCKET (S3 backups), CHECK_AWS_BACKUP_JOBS=true, CHECK_PITR=true or NATIVE_BACKUP_MAX_AGE_HOURS");
    }
}
