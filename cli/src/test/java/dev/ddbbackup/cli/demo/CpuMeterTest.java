package dev.ddbbackup.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void readsThisJvmsCpuAndLeavesWhatItCannotReadAsNaN() {
        CpuMeter meter = new CpuMeter(null);
        CpuMeter.Reading before = meter.now();
        long spin = 0;
        for (long deadline = System.nanoTime() + 200_000_000L; System.nanoTime() < deadline; ) {
            spin++;
        }
        CpuMeter.Reading used = meter.now().minus(before);
        assertThat(spin).isPositive();
        assertThat(used.ours()).isGreaterThan(0.1);
        assertThat(used.dynamoDb()).isNaN();
        assertThat(used.sqliteThread()).isNaN();
    }

    @Test
    void aProcessWithoutAnSqliteThreadHasNoSqliteFigure() {
        CpuMeter.Reading now = new CpuMeter(ProcessHandle.current()).now();
        assertThat(now.dynamoDb()).isGreaterThan(0);
        assertThat(now.sqliteThread()).isNaN();
    }

    @Test
    void differencesAndTotals() {
        CpuMeter.Reading used = new CpuMeter.Reading(10, 50, 30).minus(new CpuMeter.Reading(2, 20, 10));
        assertThat(used.ours()).isEqualTo(8, within(1e-9));
        assertThat(used.dynamoDb()).isEqualTo(30, within(1e-9));
        assertThat(used.sqliteThread()).isEqualTo(20, within(1e-9));
        assertThat(used.total()).isEqualTo(38, within(1e-9));
    }
}
