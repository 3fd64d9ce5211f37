package dev.ddbbackup.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreBenchmarkTest {

    @Test
    void theReportedRatioIsTheMedianOfTheRounds() {
        assertThat(RestoreBenchmark.median(List.of(0.69, 0.62, 0.71))).isEqualTo(0.69);
        assertThat(RestoreBenchmark.median(List.of(0.9))).isEqualTo(0.9);
        assertThat(RestoreBenchmark.median(List.of(0.7, 0.8))).isEqualTo(0.75);
        assertThat(RestoreBenchmark.median(List.of())).isNaN();
    }

    @Test
    void roundsOutsideOneToNineAreRefusedNamingTheOption() {
        for (int rounds : new int[] {0, 10}) {
            assertThatThrownBy(() -> RestoreBenchmark.options(8, 25, 1000, false, rounds, false))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("--rounds"))
                    .hasMessageContaining("between 1 and 9");
        }
        assertThat(RestoreBenchmark.options(8, 25, 1000, false, 9, false).writeConcurrency()).isEqualTo(8);
    }

    @Test
    void theSyntheticTargetRunsOneRoundOnly() {
        assertThatThrownBy(() -> RestoreBenchmark.options(8, 25, 1000, false, 3, true))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("--rounds"))
                .hasMessageContaining("--rounds 1");
        assertThat(RestoreBenchmark.options(8, 25, 1000, false, 1, true)).isNotNull();
    }

    @Test
    void aCeilingTooBigForThisMachineIsRefusedNamingSkipCeiling() {
        assertThatThrownBy(() -> RestoreBenchmark.options(8, 25, 10_000_000_000L, true, 1, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--skip-ceiling");
        assertThat(RestoreBenchmark.options(8, 25, 10_000_000_000L, false, 1, false).writeConcurrency()).isEqualTo(8);
    }

    @Test
    void theCeilingJvmGetsRoomForItsItems() {
        assertThat(RestoreBenchmark.ceilingHeapMB(200_000)).isEqualTo(200_000L * RestoreBenchmark.CEILING_BYTES_PER_ITEM * 10 / 7 / 1048576 + 256)
                .isGreaterThan(200_000L * RestoreBenchmark.CEILING_BYTES_PER_ITEM / 1048576);
    }
}
