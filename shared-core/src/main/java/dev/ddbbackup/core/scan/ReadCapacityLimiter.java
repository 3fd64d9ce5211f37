package dev.ddbbackup.core.scan;

/**
 * Caps the read capacity a scan consumes, in RCU per second, across all segments.
 *
 * <p>Each page reports its ConsumedCapacity; the limiter charges it and makes the caller wait until
 * the running total fits the rate. Charging after the fact lets one page overshoot, so the cap holds
 * on average over a few pages, which is what protects the table's other readers.
 */
public final class ReadCapacityLimiter {

    private final double unitsPerSecond;
    private long nextFreeNanos;

    public ReadCapacityLimiter(double unitsPerSecond) {
        if (!(unitsPerSecond > 0)) {
            throw new IllegalArgumentException("unitsPerSecond must be positive, got " + unitsPerSecond);
        }
        this.unitsPerSecond = unitsPerSecond;
        this.nextFreeNanos = System.nanoTime();
    }

    public double unitsPerSecond() {
        return unitsPerSecond;
    }

    /** Charges {@code units} consumed and sleeps until the cap allows the next read. */
    public void consumed(double units) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(nextFreeNanos, now);
            nextFreeNanos = start + (long) (units / unitsPerSecond * 1_000_000_000L);
            waitNanos = nextFreeNanos - now;
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
