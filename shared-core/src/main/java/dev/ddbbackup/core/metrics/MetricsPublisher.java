package dev.ddbbackup.core.metrics;

import java.util.List;

/** Publishes metrics; a run publishes once at its end. */
public interface MetricsPublisher {

    void publish(List<Metric> metrics);

    /** Publishes nothing. */
    static MetricsPublisher none() {
        return metrics -> {};
    }
}
