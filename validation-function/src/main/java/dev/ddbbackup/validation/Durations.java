package dev.ddbbackup.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Thresholds and ages written for people, in the largest unit that fits: {@code 26 h}, {@code 15 min}, {@code 1.3 s}. */
final class Durations {

    private Durations() {}

    static String human(Duration d) {
        long millis = Math.abs(d.toMillis());
        if (millis >= 3_600_000) {
            return number(millis / 3_600_000.0) + " h";
        }
        if (millis >= 60_000) {
            return number(millis / 60_000.0) + " min";
        }
        return number(millis / 1000.0) + " s";
    }

    /** At most two decimals, no trailing zeros. */
    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
