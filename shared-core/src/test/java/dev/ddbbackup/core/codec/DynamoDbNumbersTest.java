package dev.ddbbackup.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DynamoDbNumbersTest {

    // The spellings below were checked against DynamoDB Local 3.3.1, which accepted exactly these.
    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "0.000", "0E+500", "1", "-1", "+5", ".5", "5.", "007", "1.50", "1e5", "1E+3",
        "12345678901234567890.123456789",
        "12345678901234567890123456789012345678",
        "1234567890123456789012345678901234567800000",
        "1E-130", "-1E-130", "-1.5e-130",
        "9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125",
        "-0.000000000000000000000000000000000000001",
    })
    void isValidNumber_whenDynamoDbAcceptsIt_isTrue(String number) {
        assertThat(DynamoDbNumbers.isValidNumber(number)).isTrue();
    }

    // Rejected by DynamoDB Local 3.3.1 too (syntax, underflow, overflow, precision).
    @ParameterizedTest
    @ValueSource(strings = {
        "", " 5", "5 ", "0x10", "NaN", "Infinity", "-Infinity", "1_000", "1,5", "abc", "1E", "--1",
        "1E-131", "9.9E-131", "1E+126", "-1E+126",
        "123456789012345678901234567890123456789",
        "1.23456789012345678901234567890123456789",
        "1E+2147483648",
    })
    void isValidNumber_whenDynamoDbRejectsIt_isFalse(String number) {
        assertThat(DynamoDbNumbers.isValidNumber(number)).isFalse();
    }

    @Test
    void isValidNumber_whenNull_isFalse() {
        assertThat(DynamoDbNumbers.isValidNumber(null)).isFalse();
    }

    @Test
    void isValidNumber_whenTrailingZerosBeyond38Digits_countsOnlySignificantDigits() {
        assertThat(DynamoDbNumbers.isValidNumber("1." + "0".repeat(60))).isTrue();
        assertThat(DynamoDbNumbers.isValidNumber("0." + "0".repeat(100) + "12")).isTrue();
    }

    @Test
    void isValidNumber_whenAbsurdlyLong_isFalseWithoutParsing() {
        assertThat(DynamoDbNumbers.isValidNumber("1" + "0".repeat(100_000))).isFalse();
    }
}
