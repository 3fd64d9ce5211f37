package dev.ddbbackup.core.metrics;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Sends metrics with PutMetricData to one namespace, in batches CloudWatch accepts. */
public final class CloudWatchMetricsPublisher implements MetricsPublisher {

    /** The seed's namespace. */
    public static final String DEFAULT_NAMESPACE = "BackupDR/Enhanced";
    private static final int BATCH = 1000;

    private final CloudWatchClient cloudWatch;
    private final String namespace;

    public CloudWatchMetricsPublisher(CloudWatchClient cloudWatch, String namespace) {
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
    }

    @Override
    public void publish(List<Metric> metrics) {
        Instant now = Instant.now();
        List<MetricDatum> data = metrics.stream().map(m -> MetricDatum.builder()
                .metricName(m.name())
                .value(m.value())
                .unit(StandardUnit.fromValue(m.unit()))
                .timestamp(now)
                .dimensions(m.dimensions().entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build()).toList();
        for (int i = 0; i < data.size(); i += BATCH) {
            List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + BATCH));
            cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(batch));
        }
    }
}
