package dev.ddbbackup.validation;

/**
 * How a table restored by AWS Backup restore testing is checked.
 *
 * @param minItems   the restored table must hold at least this many items (0 accepts an empty table)
 * @param sampleKeys how many keys of the source table to look up in the restored copy (0: none); a key
 *                   missing there is a warning, since it may have been written after the recovery point
 */
public record RestoreTestOptions(int minItems, int sampleKeys) {

    public static final int MAX_SAMPLE_KEYS = 10_000;
    public static final RestoreTestOptions DEFAULT = new RestoreTestOptions(1, 100);

    public RestoreTestOptions {
        if (minItems < 0 || sampleKeys < 0 || sampleKeys > MAX_SAMPLE_KEYS) {
            throw new IllegalArgumentException("minItems must be >= 0 and sampleKeys 0-" + MAX_SAMPLE_KEYS);
        }
    }
}
