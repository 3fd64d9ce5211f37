package dev.ddbbackup.core.metrics;

import java.util.Map;

/**
 * One metric value with its unit (a CloudWatch StandardUnit name such as Count, Percent, Seconds,
 * Bytes) and dimensions.
 */
public record Metric(String name, double value, String unit, Map<String, String> dimensions) {

    public Metric {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name is required");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("metric " + name + " must be finite");
        }
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    }

    public static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, Map.of());
    }

    public static Metric of(String name, double value, String unit, String dimension, String dimensionValue) {
        return new Metric(name, value, unit, Map.of(dimension, dimensionValue));
    }
}
