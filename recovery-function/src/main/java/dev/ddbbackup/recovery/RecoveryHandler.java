package dev.ddbbackup.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.format.BackupNotFoundException;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.Notification;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.notify.SnsNotifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.managed.AwsBackupRestoreResult;
import dev.ddbbackup.recovery.managed.AwsBackupRestoreService;
import dev.ddbbackup.recovery.managed.PitrRestoreResult;
import dev.ddbbackup.recovery.managed.PitrRestoreService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of the recovery function.
 *
 * <p>Trigger: direct invocation (console, CLI, Step Functions) with one of the events
 * {@link RecoveryEvent} describes. Output: the {@link RestoreResult} as JSON. A restore that FAILS
 * throws {@link RestoreFailedException} after notifying; bad input throws a ConfigException naming the
 * field after notifying, with nothing written. An INCOMPLETE restore (it ran out of time) returns its
 * result with {@code restoreId}: invoke again with {@code {"restore_id": ...}} to continue.
 *
 * <p>Environment: see {@link RecoveryConfig}. IAM: s3:ListBucket on the bucket; s3:GetObject under the
 * prefix; s3:PutObject under {@code {prefix}/.restores/}; dynamodb:DescribeTable, CreateTable,
 * BatchWriteItem, BatchGetItem, TagResource, UpdateContinuousBackups, UpdateTimeToLive on the target
 * tables; sns:Publish on both topics; cloudwatch:PutMetricData. PITR restores add
 * dynamodb:DescribeContinuousBackups, RestoreTableToPointInTime, DescribeTimeToLive, ListTagsOfResource and
 * UpdateTable on the source and target tables; AWS Backup restores add backup:StartRestoreJob and
 * DescribeRestoreJob, and iam:PassRole on {@code RESTORE_ROLE_ARN}.
 */
public final class RecoveryHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RestoreService restores;
    private final PitrRestoreService pitr;
    private final AwsBackupRestoreService awsBackup;
    private final RecoveryConfig config;
    private final Notifier notifier;

    /** Init phase: configuration and clients built once per container. */
    public RecoveryHandler() {
        this(RecoveryConfig.from(Settings.fromEnvironment()), AwsClients.fromEnvironment(64));
    }

    private RecoveryHandler(RecoveryConfig config, AwsClients clients) {
        this(config, new SnsNotifier(clients.sns(), config.successTopicArn(), config.failureTopicArn()), clients);
    }

    private RecoveryHandler(RecoveryConfig config, Notifier notifier, AwsClients clients) {
        this(new RestoreService(clients.dynamoDb(), clients.s3(), config.layout(), notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), config.metricsNamespace()), config.options(), Clock.systemUTC()),
                new PitrRestoreService(clients.dynamoDb(), PitrRestoreService.DEFAULT_POLL, Clock.systemUTC()),
                new AwsBackupRestoreService(clients.backup(), clients.dynamoDb(), AwsBackupRestoreService.DEFAULT_POLL, Clock.systemUTC()),
                config, notifier);
    }

    RecoveryHandler(RestoreService restores, PitrRestoreService pitr, AwsBackupRestoreService awsBackup, RecoveryConfig config,
                    Notifier notifier) {
        this.restores = restores;
        this.pitr = pitr;
        this.awsBackup = awsBackup;
        this.config = config;
        this.notifier = notifier;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, config.options().deadlineMarginMillis());
        RestoreResult result;
        try {
            RecoveryEvent.Command command = RecoveryEvent.parse(input.readAllBytes(), config);
            if (command instanceof RecoveryEvent.Pitr p) {
                PitrRestoreResult r = pitr.restore(p.request(), deadline);
                finishManaged(context, "PITR restore", r.targetTable(), r.status() == PitrRestoreResult.Status.FAILED,
                        r.status() + ": " + r.message(), r, output);
                return;
            }
            if (command instanceof RecoveryEvent.AwsBackup b) {
                AwsBackupRestoreResult r = awsBackup.restore(b.request(), deadline);
                finishManaged(context, "AWS Backup restore", r.targetTable(), r.status() == AwsBackupRestoreResult.Status.FAILED,
                        r.status() + ": " + r.message(), r, output);
                return;
            }
            if (command instanceof RecoveryEvent.Resume r) {
                result = restores.resume(r.bucket(), r.restoreId(), deadline);
            } else {
                result = restores.restore(((RecoveryEvent.S3Restore) command).request(), deadline);
            }
        } catch (ConfigException | BackupNotFoundException e) {
            // Nothing was written, but the caller (and whoever watches the topic) must see why.
            notifier.failure(new Notification("DynamoDB restore FAILED: bad input", ErrorText.firstLine(e)));
            throw e;
        }
        LOG.info("requestId={} restoreId={} status={} target={} written={} expected={}", context.getAwsRequestId(), result.restoreId(),
                result.status(), result.targetTable(), result.itemsWritten(), result.itemsExpected());
        if (result.status() == RestoreResult.Status.FAILED || !result.reportingErrors().isEmpty()) {
            throw new RestoreFailedException(result.summary());
        }
        JSON.writeValue(output, result);
    }

    /** Notifies and answers for a restore DynamoDB or AWS Backup performs; a failed one fails the invocation. */
    private void finishManaged(Context context, String what, String target, boolean failed, String summary, Object result,
                               OutputStream output) throws IOException {
        LOG.info("requestId={} {} target={} {}", context.getAwsRequestId(), what, target, summary);
        Notification n = new Notification("DynamoDB " + what + (failed ? " FAILED: " : ": ") + target, summary);
        if (failed) {
            notifier.failure(n);
            throw new RestoreFailedException(what + " of " + target + " " + summary);
        }
        notifier.success(n);
        JSON.writeValue(output, result);
    }
}
