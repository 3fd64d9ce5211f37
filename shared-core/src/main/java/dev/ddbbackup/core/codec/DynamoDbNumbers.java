package dev.ddbbackup.core.codec;

import java.math.BigDecimal;

/**
 * Checks number strings against DynamoDB's limits, so input from outside DynamoDB (old backups,
 * hand-made files) can be rejected before a restore fails half-way.
 *
 * <p>The codec never parses numbers; {@link BigDecimal} is used here for validation only.
 */
public final class DynamoDbNumbers {

    /** Most significant digits DynamoDB keeps. */
    public static final int MAX_SIGNIFICANT_DIGITS = 38;

    private static final BigDecimal SMALLEST_MAGNITUDE = new BigDecimal("1E-130");
    private static final BigDecimal LARGEST_MAGNITUDE =
            new BigDecimal("9.9999999999999999999999999999999999999E+125");

    // DynamoDB documents no length limit, but a valid number needs far fewer characters (the
    // longest plain spelling is about 170); the cap keeps BigDecimal's superlinear parsing of
    // huge digit strings out of reach of hostile input.
    private static final int MAX_LENGTH = 1024;

    private DynamoDbNumbers() {
    }

    /**
     * Whether {@code text} is a number DynamoDB stores: decimal syntax as {@link BigDecimal}
     * accepts it (optional sign, digits, optional fraction, optional exponent), at most
     * {@value #MAX_SIGNIFICANT_DIGITS} significant digits once leading and trailing zeros are
     * dropped, and either zero or a magnitude from {@code 1E-130} to
     * {@code 9.9999999999999999999999999999999999999E+125}.
     */
    public static boolean isValidNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() == 0) {
                return true;
            }
            BigDecimal magnitude = value.abs();
            return magnitude.compareTo(SMALLEST_MAGNITUDE) >= 0
                    && magnitude.compareTo(LARGEST_MAGNITUDE) <= 0
                    && magnitude.stripTrailingZeros().precision() <= MAX_SIGNIFICANT_DIGITS;
        } catch (NumberFormatException | ArithmeticException e) {
            // ArithmeticException: the scale overflows, as for 1000E+2147483647.
            return false;
        }
    }
}
