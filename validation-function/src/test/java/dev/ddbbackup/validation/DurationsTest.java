package dev.ddbbackup.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void human_usesTheLargestUnitThatFits_withAtMostTwoDecimals() {
        assertThat(Durations.human(Duration.ofHours(26))).isEqualTo("26 h");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("1.5 h");
        assertThat(Durations.human(Duration.ofMinutes(15))).isEqualTo("15 min");
        assertThat(Durations.human(Duration.ofMillis(1_234))).isEqualTo("1.23 s");
        assertThat(Durations.human(Duration.ofMillis(360))).isEqualTo("0.36 s");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 s");
    }
}
