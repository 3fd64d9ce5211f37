package dev.ddbbackup.recovery.cfn;

/**
 * What a restore test found: whether the scratch table restored from the latest backup held exactly the
 * backup's items, with the counts that show it.
 *
 * <p>A passing outcome is consistent by construction: every expected item was found and equal, and
 * nothing else was there.
 *
 * @param passed         true when the restored table matched the backup completely
 * @param scratchTable   the table the backup was restored into (deleted by the test when it is done)
 * @param itemsExpected  items in the backup
 * @param itemsFound     items read back from the scratch table
 * @param itemsDifferent items present in both but not equal
 * @param itemsMissing   backup items absent from the scratch table
 * @param seconds        how long the test took
 * @param reason         why it did not pass, or a one-line summary when it did; never item values
 */
public record RestoreTestOutcome(
        boolean passed,
        String scratchTable,
        long itemsExpected,
        long itemsFound,
        long itemsDifferent,
        long itemsMissing,
        double seconds,
        String reason) {

    public RestoreTestOutcome {
        if (scratchTable == null || scratchTable.isBlank()) {
            throw new IllegalArgumentException("scratchTable is required");
        }
        if (itemsExpected < 0 || itemsFound < 0 || itemsDifferent < 0 || itemsMissing < 0) {
            throw new IllegalArgumentException("item counts must not be negative");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be a finite number >= 0, got " + seconds);
        }
        reason = reason == null ? "" : reason.strip();
        if (!passed && reason.isEmpty()) {
            throw new IllegalArgumentException("an outcome that did not pass needs a reason");
        }
        if (passed && (itemsDifferent != 0 || itemsMissing != 0 || itemsFound != itemsExpected)) {
            // A "pass" that contradicts its own counts would hide exactly the loss the test exists to find.
            throw new IllegalArgumentException("a passing outcome needs all " + itemsExpected
                    + " items found and equal, got found=" + itemsFound + " different=" + itemsDifferent
                    + " missing=" + itemsMissing);
        }
    }
}
