package dev.ddbbackup.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.core.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of the native backup rotation (seed 002).
 *
 * <p>Trigger: EventBridge schedule (constant input {@code {"TableName":"Movies"}} or
 * {@code {"tables":[...]}}, or the scheduled-event envelope) or a direct invocation such as seed 002's
 * console test event; see {@link RotationEvent}. Output: {@code {"status":"SUCCEEDED","dryRun":..,
 * "tables":[...]}} with one {@link TableRotationResult} per table. When any table fails the invocation
 * throws {@link RotationFailedException} naming the failed tables, after notifying; bad input throws a
 * ConfigException naming the field, after notifying, with nothing created or deleted.
 *
 * <p>Environment: see {@link RotationConfig}. IAM: dynamodb:CreateBackup, DescribeBackup, ListBackups,
 * DeleteBackup (and DescribeTable, for dry runs) on the tables and their backups; sns:Publish on both
 * topics; cloudwatch:PutMetricData.
 */
public final class RotationHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RotationHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final RotationService service;
    private final RotationConfig config;
    private final Notifier notifier;

    /** Init phase: configuration and clients built once per container. */
    public RotationHandler() {
        this(RotationConfig.from(Settings.fromEnvironment()), AwsClients.fromEnvironment(8));
    }

    private RotationHandler(RotationConfig config, AwsClients clients) {
        this(config, new SnsNotifier(clients.sns(), config.successTopicArn(), config.failureTopicArn()), clients);
    }

    private RotationHandler(RotationConfig config, Notifier notifier, AwsClients clients) {
        this(new RotationService(clients.dynamoDb(), notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), config.metricsNamespace()), config.availableWait(),
                RotationService.DEFAULT_POLL, Clock.systemUTC()), config, notifier);
    }

    RotationHandler(RotationService service, RotationConfig config, Notifier notifier) {
        this.service = service;
        this.config = config;
        this.notifier = notifier;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RotationRequest request;
        try {
            request = RotationEvent.parse(input.readAllBytes(), config);
        } catch (ConfigException e) {
            // Bad input changes nothing, but a scheduled run with a broken event must still be seen.
            notifier.failure(new Notification("DynamoDB backup rotation FAILED: bad input", ErrorText.firstLine(e)));
            throw e;
        }
        Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, config.deadlineMarginMillis());
        RotationRunResult result = service.run(request, deadline);
        LOG.info("requestId={} status={} dryRun={} tables={}\n{}", context.getAwsRequestId(), result.ok() ? "SUCCEEDED" : "FAILED",
                request.dryRun(), result.tables().size(), result.summary());
        if (!result.ok()) {
            throw new RotationFailedException(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "SUCCEEDED");
        answer.put("dryRun", request.dryRun());
        answer.put("tables", result.tables());
        JSON.writeValue(output, answer);
    }
}
