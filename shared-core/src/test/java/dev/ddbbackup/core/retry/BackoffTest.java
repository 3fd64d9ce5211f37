package dev.ddbbackup.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void ceiling_doublesPerAttemptUpToCap() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(3200);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(5000);
        assertThat(backoff.ceilingMillis(200)).isEqualTo(5000);
    }

    @Test
    void computeDelay_isFullJitterBetweenZeroAndCeiling() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            long d = backoff.computeDelay(4).toMillis();
            assertThat(d).isBetween(0L, 800L);
            seen.add(d / 100);
        }
        // full jitter: delays spread over the whole range, not clustered near the ceiling
        assertThat(seen).contains(0L, 7L);
    }

    @Test
    void invalidArguments_areRefused() {
        assertThatThrownBy(() -> backoff.computeDelay(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
