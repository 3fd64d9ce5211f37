package dev.ddbbackup.recovery;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.table.TableNames;
import dev.ddbbackup.core.write.BatchItemWriter;

/**
 * One restore: what to read, where to write it, and how.
 *
 * @param targetTable           table to write into; created from the backup's schema when missing
 * @param mode                  what to do when the target exists
 * @param batchSize             items per BatchWriteItem call, 1-25
 * @param maxWriteCapacityUnits cap on WCU per second, or null for none
 * @param deletionProtection    overrides the backup's deletion protection for a created table, or null
 */
public record RestoreRequest(SourceSpec source, String targetTable, Mode mode, int batchSize, Double maxWriteCapacityUnits,
                             Boolean deletionProtection) {

    /** What a restore does when the target table already exists. */
    public enum Mode {
        /** Put every item, replacing items with equal keys (seed 001's behaviour). */
        OVERWRITE,
        /** Refuse to touch an existing table. */
        FAIL_IF_EXISTS;

        /** Parses {@code overwrite} or {@code fail_if_exists}, naming {@code field} when neither. */
        public static Mode parse(String field, String value) {
            return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
                case "overwrite" -> OVERWRITE;
                case "fail_if_exists" -> FAIL_IF_EXISTS;
                default -> throw new ConfigException(field, "must be overwrite or fail_if_exists, got '" + value + "'");
            };
        }
    }

    public RestoreRequest {
        if (source == null) {
            throw new ConfigException("source", "is required");
        }
        TableNames.require("target_table", targetTable);
        if (mode == null) {
            mode = Mode.OVERWRITE;
        }
        if (batchSize < 1 || batchSize > BatchItemWriter.MAX_BATCH) {
            throw new ConfigException("batch_size", "must be between 1 and " + BatchItemWriter.MAX_BATCH
                    + " (BatchWriteItem takes at most 25 items), got " + batchSize);
        }
        if (maxWriteCapacityUnits != null && !(maxWriteCapacityUnits > 0)) {
            throw new ConfigException("max_write_capacity", "must be above 0 WCU per second; omit it for no cap");
        }
    }

    public RestoreRequest withSource(SourceSpec resolved) {
        return new RestoreRequest(resolved, targetTable, mode, batchSize, maxWriteCapacityUnits, deletionProtection);
    }
}
