package dev.ddbbackup.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void theBoundsComeFromEachRoundsCpuSecondsAndAreReportedPerRoundAndAsMedians() {
        RestoreBenchmark.Rounds rounds = new RestoreBenchmark.Rounds();
        rounds.ceilingCpu = new CpuMeter.Reading(14, 48, 26);
        rounds.restoreCpu = new CpuMeter.Reading(20, 66, 34);
        rounds.addBounds();
        rounds.ceilingCpu = new CpuMeter.Reading(20, 60, 30);
        rounds.restoreCpu = new CpuMeter.Reading(20, 60, 30);
        rounds.addBounds();
        rounds.ceilingCpu = new CpuMeter.Reading(10, 50, 25);
        rounds.restoreCpu = new CpuMeter.Reading(30, 90, 50);
        rounds.addBounds();
        Map<String, Object> report = new LinkedHashMap<>();
        rounds.into(report);
        // 62 / 66; 62 / (14 + 66); 26 / 34. Equal runs bound at 1.
        assertThat(report.get("zeroClientCpuBounds")).isEqualTo(List.of(0.94, 1.33, 0.67));
        assertThat(report.get("ceilingClientCpuBounds")).isEqualTo(List.of(0.78, 1.0, 0.6));
        assertThat(report.get("sqliteThreadBounds")).isEqualTo(List.of(0.76, 1.0, 0.5));
        assertThat(report).containsEntry("zeroClientCpuBound", 0.94).containsEntry("ceilingClientCpuBound", 0.78)
                .containsEntry("sqliteThreadBound", 0.76);
    }
}
