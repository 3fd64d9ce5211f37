package dev.ddbbackup.recovery.source;

/**
 * One data file of a restore source.
 *
 * @param key           the object key (or another stable name) that results, errors and checkpoints use
 * @param expectedItems operations the part holds, or -1 when the format does not say
 * @param bytes         stored size in bytes, or -1 when unknown
 * @param group         parts of one group may be written in parallel; groups are applied in order
 */
public record SourcePart(String key, long expectedItems, long bytes, int group) {

    public SourcePart {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("part key is required");
        }
        if (group < 0) {
            throw new IllegalArgumentException("group must not be negative");
        }
    }
}
