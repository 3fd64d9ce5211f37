package dev.ddbbackup.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.core.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of the scheduled backup.
 *
 * <p>Trigger: EventBridge schedule (constant input {@code {"tables":[...]}} or the scheduled-event
 * envelope) or a direct invocation. Output: JSON with one result per table. When any table fails or is
 * incomplete the invocation throws {@link BackupFailedException} after notifying, so Lambda's Errors
 * metric, retries and on-failure destinations see it.
 *
 * <p>Environment: see {@link BackupConfig}. IAM: dynamodb:DescribeTable, DescribeTimeToLive,
 * ListTagsOfResource, DescribeContinuousBackups, Scan on the tables; s3:ListBucket on the bucket;
 * s3:PutObject, GetObject, DeleteObject, AbortMultipartUpload under the prefix; sns:Publish on both
 * topics; cloudwatch:PutMetricData.
 */
public final class BackupHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BackupHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BackupService service;
    private final BackupConfig config;
    private final Notifier notifier;

    /** Init phase: configuration and clients built once per container. */
    public BackupHandler() {
        this(BackupConfig.from(Settings.fromEnvironment()), AwsClients.fromEnvironment(64));
    }

    private BackupHandler(BackupConfig config, AwsClients clients) {
        this(config, new SnsNotifier(clients.sns(), config.successTopicArn(), config.failureTopicArn()), clients, Clock.systemUTC());
    }

    private BackupHandler(BackupConfig config, Notifier notifier, AwsClients clients, Clock clock) {
        this(new BackupService(clients.dynamoDb(), clients.s3(), notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), config.metricsNamespace()), config.options(), clock),
                config, notifier);
    }

    BackupHandler(BackupService service, BackupConfig config, Notifier notifier) {
        this.service = service;
        this.config = config;
        this.notifier = notifier;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BackupRequest request;
        try {
            request = BackupEvent.parse(input.readAllBytes(), config);
        } catch (ConfigException e) {
            // Bad input changes nothing, but a scheduled run with a broken event must still be seen.
            notifier.failure(new Notification("DynamoDB backup FAILED: bad input", e.getMessage()));
            throw e;
        }
        Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, config.options().deadlineMarginMillis());
        BackupRunResult result = service.run(request, deadline);
        LOG.info("requestId={} status={} tables={} items={}\n{}", context.getAwsRequestId(), result.ok() ? "SUCCEEDED" : "FAILED",
                result.tables().size(), result.totalItems(), result.summary());
        if (!result.ok()) {
            throw new BackupFailedException(result);
        }
        JSON.writeValue(output, Map.of("status", "SUCCEEDED", "tables", result.tables()));
    }
}
