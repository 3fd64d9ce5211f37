package dev.ddbbackup.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Thresholds and ages written for people: {@code 26 h}, {@code 0.5 h}, {@code 15 min}. */
final class Durations {

    private Durations() {}

    static String hours(Duration d) {
        return number(d.toMillis() / 3_600_000.0) + " h";
    }

    static String minutes(Duration d) {
        return number(d.toMillis() / 60_000.0) + " min";
    }

    /** At most two decimals, no trailing zeros. */
    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
