package dev.ddbbackup.backup;

import dev.ddbbackup.core.codec.ItemLineFormat;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.s3.S3WriteOptions;

/**
 * How the backup engine runs, independent of which tables it backs up.
 *
 * @param concurrency          segment workers per table (also verify parallelism)
 * @param readCapacityFraction cap as a fraction (0, 1] of a provisioned table's read capacity, or null
 * @param readCapacityUnits    cap in RCU per second, or null; wins over the fraction
 * @param verifyAfterWrite     re-read every data file (checksums, counts) before committing the manifest
 * @param gzipLevel            1 (fastest) .. 9 (smallest)
 * @param maxDataFileBytes     roll to a new data file past this many uncompressed (JSON) bytes
 * @param s3                   part size and encryption of uploads
 * @param deadlineMarginMillis stop this long before the run's time is up, to clean up and report
 * @param outputFormat         the data files' line shape, recorded in the manifest: native export lines
 *                             (the default, which ImportTable reads) or AWS Data Pipeline lines
 */
public record BackupOptions(
        int concurrency,
        Double readCapacityFraction,
        Double readCapacityUnits,
        boolean verifyAfterWrite,
        int gzipLevel,
        long maxDataFileBytes,
        S3WriteOptions s3,
        long deadlineMarginMillis,
        ItemLineFormat outputFormat) {

    public static final BackupOptions DEFAULT = new BackupOptions(8, null, null, true, 6, 1024L * 1024 * 1024, S3WriteOptions.DEFAULT,
            60_000, ItemLineFormat.DYNAMODB_JSON);

    public BackupOptions {
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException("concurrency", "must be between 1 and 64, got " + concurrency);
        }
        if (readCapacityFraction != null && !(readCapacityFraction > 0 && readCapacityFraction <= 1)) {
            throw new ConfigException("readCapacityFraction", "must be above 0 and at most 1, got " + readCapacityFraction);
        }
        if (readCapacityUnits != null && !(readCapacityUnits > 0)) {
            throw new ConfigException("readCapacityUnits", "must be a positive number of RCU per second, got " + readCapacityUnits);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new ConfigException("gzipLevel", "must be between 1 and 9, got " + gzipLevel);
        }
        if (maxDataFileBytes < 1 || deadlineMarginMillis < 0) {
            throw new IllegalArgumentException("maxDataFileBytes must be positive and deadlineMarginMillis not negative");
        }
        if (outputFormat == null) {
            throw new ConfigException("outputFormat", "is required: one of " + ItemLineFormat.settingNames());
        }
    }

    /**
     * The output format a setting names ({@code OUTPUT_FORMAT}, {@code --format}): {@code dynamodb-json} or
     * {@code datapipeline}, in any case; blank or absent means the default, {@code dynamodb-json}.
     *
     * @throws ConfigException naming {@code setting} and the allowed values when it names neither
     */
    public static ItemLineFormat outputFormat(String setting, String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT.outputFormat();
        }
        return ItemLineFormat.fromSettingName(value.trim()).orElseThrow(() -> new ConfigException(setting, "must be one of "
                + ItemLineFormat.settingNames() + ", got '" + value.trim() + "'; dynamodb-json (the default) writes DynamoDB's native"
                + " export lines, which ImportTable reads, datapipeline writes AWS Data Pipeline export lines"));
    }

    public BackupOptions withConcurrency(int c) {
        return new BackupOptions(c, readCapacityFraction, readCapacityUnits, verifyAfterWrite, gzipLevel, maxDataFileBytes, s3,
                deadlineMarginMillis, outputFormat);
    }

    public BackupOptions withMaxDataFileBytes(long bytes) {
        return new BackupOptions(concurrency, readCapacityFraction, readCapacityUnits, verifyAfterWrite, gzipLevel, bytes, s3,
                deadlineMarginMillis, outputFormat);
    }

    public BackupOptions withDeadlineMarginMillis(long margin) {
        return new BackupOptions(concurrency, readCapacityFraction, readCapacityUnits, verifyAfterWrite, gzipLevel, maxDataFileBytes,
                s3, margin, outputFormat);
    }

    public BackupOptions withReadCapacity(Double fraction, Double units) {
        return new BackupOptions(concurrency, fraction, units, verifyAfterWrite, gzipLevel, maxDataFileBytes, s3,
                deadlineMarginMillis, outputFormat);
    }

    public BackupOptions withGzipLevel(int level) {
        return new BackupOptions(concurrency, readCapacityFraction, readCapacityUnits, verifyAfterWrite, level, maxDataFileBytes, s3,
                deadlineMarginMillis, outputFormat);
    }

    public BackupOptions withVerifyAfterWrite(boolean verify) {
        return new BackupOptions(concurrency, readCapacityFraction, readCapacityUnits, verify, gzipLevel, maxDataFileBytes, s3,
                deadlineMarginMillis, outputFormat);
    }

    public BackupOptions withOutputFormat(ItemLineFormat format) {
        return new BackupOptions(concurrency, readCapacityFraction, readCapacityUnits, verifyAfterWrite, gzipLevel, maxDataFileBytes, s3,
                deadlineMarginMillis, format);
    }
}
