package dev.ddbbackup.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityLimiterTest {

    /** A clock that only moves when the limiter sleeps, so waits are exact. */
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    private final CapacityLimiter limiter = new CapacityLimiter(100, () -> now, n -> {
        sleeps.add(n);
        now += n;
    });

    @Test
    void consumed_waitsSoThatTheAverageRateIsTheCap() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            limiter.consumed(50);
        }

        // 250 units at 100 RCU/s: 2.5 s in all, each 50-unit page paid for with 0.5 s
        assertThat(sleeps).containsExactly(500_000_000L, 500_000_000L, 500_000_000L, 500_000_000L, 500_000_000L);
        assertThat(now - 1_000_000_000L).isEqualTo(2_500_000_000L);
    }

    @Test
    void consumed_afterIdleTime_doesNotBankCapacity() throws InterruptedException {
        now += 10_000_000_000L; // 10 s without reads

        limiter.consumed(100);

        // idle time is not saved up into a burst: the page still costs a full second
        assertThat(sleeps).containsExactly(1_000_000_000L);
    }

    @Test
    void nonPositiveRate_isRefused() {
        assertThatThrownBy(() -> new CapacityLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
