package dev.ddbbackup.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadCapacityLimiterTest {

    @Test
    void consumed_holdsAverageRateAtTheCap() throws InterruptedException {
        ReadCapacityLimiter limiter = new ReadCapacityLimiter(1000);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            limiter.consumed(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 500 units at 1000/s must take at least ~0.4 s (the first page is charged, then waited for)
        assertThat(seconds).isGreaterThanOrEqualTo(0.4);
    }
}
