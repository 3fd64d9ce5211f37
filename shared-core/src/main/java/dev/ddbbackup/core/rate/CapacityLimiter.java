package dev.ddbbackup.core.rate;

import java.util.function.LongSupplier;

/**
 * Caps the capacity units a job consumes per second across all its threads: read units for a scan,
 * write units for a restore.
 *
 * <p>Each call reports its ConsumedCapacity; the limiter charges it and makes the caller wait until
 * the running total fits the rate. Charging after the fact lets one call overshoot, so the cap holds
 * on average over a few calls, which is what protects the table's other clients.
 */
public final class CapacityLimiter {

    /** Waits a number of nanoseconds; the real one sleeps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double unitsPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFreeNanos;

    public CapacityLimiter(double unitsPerSecond) {
        this(unitsPerSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    /** With an explicit clock and sleeper, for tests. */
    public CapacityLimiter(double unitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(unitsPerSecond > 0)) {
            throw new IllegalArgumentException("unitsPerSecond must be positive, got " + unitsPerSecond);
        }
        this.unitsPerSecond = unitsPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.nextFreeNanos = nanoTime.getAsLong();
    }

    public double unitsPerSecond() {
        return unitsPerSecond;
    }

    /** Charges {@code units} consumed and waits until the cap allows the next call. */
    public void consumed(double units) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long start = Math.max(nextFreeNanos, now);
            nextFreeNanos = start + (long) (units / unitsPerSecond * 1_000_000_000L);
            waitNanos = nextFreeNanos - now;
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
    }
}
