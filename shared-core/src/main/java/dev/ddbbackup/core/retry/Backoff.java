package dev.ddbbackup.core.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Exponential backoff with full jitter, shared by the SDK clients' retry strategy and by our own
 * retry loops (unprocessed items, throttled pages).
 *
 * <p>Delay for attempt {@code n} (1-based) is uniform in {@code [0, min(cap, base * 2^(n-1))]}: full
 * jitter spreads retries of many parallel segments so they do not hit a throttled table in step.
 */
public record Backoff(Duration base, Duration cap) implements BackoffStrategy {

    /** The suite's default: 50 ms base, 20 s cap. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(20));

    public Backoff {
        if (base == null || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive");
        }
        if (cap == null || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap must be at least the base");
        }
    }

    @Override
    public Duration computeDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        long ceiling = ceilingMillis(attempt);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** The upper bound of the jittered delay for an attempt. */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        long exp = base.toMillis() << shift;
        return Math.min(cap.toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
    }

    /** Sleeps for the jittered delay of {@code attempt}; restores the interrupt flag if interrupted. */
    public void sleep(int attempt) {
        try {
            Thread.sleep(computeDelay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
