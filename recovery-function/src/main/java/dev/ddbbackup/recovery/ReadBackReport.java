package dev.ddbbackup.recovery;

import java.util.List;

/**
 * What reading every restored item back by key found.
 *
 * @param expected    items (and deletions) the source holds, superseded versions excluded
 * @param found       items present and equal to the source, numbers compared numerically and sets unordered
 * @param different   items present but not equal, or present although the source deleted them
 * @param missing     items the source holds that the table lacks
 * @param exampleKeys at most {@link #MAX_EXAMPLES} keys of items that differ or are missing, as DynamoDB
 *                    JSON; keys only, never other attribute values
 */
public record ReadBackReport(long expected, long found, long different, long missing, List<String> exampleKeys) {

    public static final int MAX_EXAMPLES = 10;

    public ReadBackReport {
        exampleKeys = List.copyOf(exampleKeys);
    }

    public boolean ok() {
        return different == 0 && missing == 0 && found == expected;
    }

    /** Share of expected items found equal, in percent (100 when nothing was expected). */
    public double validationRatePercent() {
        return expected == 0 ? 100.0 : 100.0 * found / expected;
    }
}
