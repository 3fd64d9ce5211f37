package dev.ddbbackup.core.time;

import java.util.function.LongSupplier;

/**
 * How much time a run has left, so long work can stop cleanly before Lambda kills it.
 *
 * <p>Work checks {@link #isNear()} between units (pages, files); the margin leaves time to clean up
 * and report.
 */
public final class Deadline {

    private final LongSupplier remainingMillis;
    private final long marginMillis;

    private Deadline(LongSupplier remainingMillis, long marginMillis) {
        this.remainingMillis = remainingMillis;
        this.marginMillis = marginMillis;
    }

    /** No deadline: a CLI run may take as long as it needs. */
    public static Deadline none() {
        return new Deadline(() -> Long.MAX_VALUE, 0);
    }

    /** A deadline read from a remaining-time source such as {@code Context::getRemainingTimeInMillis}. */
    public static Deadline of(LongSupplier remainingMillis, long marginMillis) {
        if (marginMillis < 0) {
            throw new IllegalArgumentException("margin must not be negative");
        }
        return new Deadline(remainingMillis, marginMillis);
    }

    /** True once less than the margin is left. */
    public boolean isNear() {
        return remainingMillis.getAsLong() < marginMillis;
    }

    /** Milliseconds left before the margin starts (0 once it has), for bounding waits. */
    public long millisBeforeMargin() {
        long remaining = remainingMillis.getAsLong();
        return remaining == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, remaining - marginMillis);
    }

    public long marginMillis() {
        return marginMillis;
    }
}
