package dev.ddbbackup.validation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * Lambda entry point of the backup validation.
 *
 * <p>Triggers: an EventBridge schedule (daily; the scheduled-event envelope or a constant input
 * {@code {}} / {@code {"drill": true}}, the latter for the monthly restore drill), a direct invocation,
 * and AWS Backup's {@code Restore Job State Change} events for restore testing jobs (see
 * {@link ValidationEvent}). A scheduled run performs the checks the environment switches on (see
 * {@link ValidationConfig}); a restore-test event validates the restored table and reports to AWS Backup.
 * Output: {@code {"status":"PASSED","checks":[...]}}. When a check FAILs or results cannot be reported,
 * the invocation throws {@link ValidationFailedException} after notifying; bad input or configuration
 * (unknown table, missing bucket, negative threshold) throws a {@link ConfigException} naming the
 * event field or environment variable, after notifying, with no check run.
 *
 * <p>IAM: dynamodb:DescribeTable on the protected tables; with BACKUP_BUCKET s3:ListBucket on the bucket
 * and s3:GetObject under the prefix; with CHECK_AWS_BACKUP_JOBS backup:ListBackupJobs; with CHECK_PITR
 * dynamodb:DescribeContinuousBackups; with NATIVE_BACKUP_MAX_AGE_HOURS dynamodb:ListBackups; with a
 * restore drill what {@link dev.ddbbackup.recovery.RestoreDrill} needs on {@code {table}-restore-test-*}
 * (dynamodb:CreateTable, DescribeTable, BatchWriteItem, BatchGetItem, DeleteTable, TagResource,
 * UpdateContinuousBackups, UpdateTimeToLive); for restore tests dynamodb:DescribeTable and Scan on the
 * restored tables ({@code awsbackup-restore-test-*}), DescribeTable and Scan on the source tables, BatchGetItem on
 * the restored tables, and backup:PutRestoreValidationResult; sns:Publish on both topics;
 * cloudwatch:PutMetricData. docs/validation.md lists every call.
 */
public final class ValidationHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ValidationService service;
    private final ValidationConfig config;
    private final Notifier notifier;
    /** A configuration error found at init, reported (notified and thrown) by every invocation; null when none. */
    private final ConfigException configProblem;

    /** Init phase: configuration and clients built once per container. */
    public ValidationHandler() {
        this(Settings.fromEnvironment(), AwsClients.fromEnvironment(32));
    }

    /**
     * The production wiring on {@code clients}. A bad setting does not fail the init phase: the topics are
     * read on their own, so each invocation can notify the error, naming the variable, before failing.
     */
    ValidationHandler(Settings env, AwsClients clients) {
        this.notifier = new SnsNotifier(clients.sns(), env.optional("SUCCESS_TOPIC_ARN").orElse(null),
                env.optional("FAILURE_TOPIC_ARN").orElse(null));
        ValidationConfig read = null;
        ConfigException problem = null;
        try {
            read = ValidationConfig.from(env);
        } catch (ConfigException e) {
            problem = e;
        }
        this.config = read;
        this.configProblem = problem;
        this.service = read == null ? null : ValidationService.standard(clients, notifier,
                new CloudWatchMetricsPublisher(clients.cloudWatch(), read.metricsNamespace()), read.restoreTest(), Clock.systemUTC());
    }

    ValidationHandler(ValidationService service, ValidationConfig config, Notifier notifier) {
        this.service = service;
        this.config = config;
        this.notifier = notifier;
        this.configProblem = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ValidationReport report;
        try {
            if (configProblem != null) {
                throw configProblem;
            }
            Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, config.deadlineMarginMillis());
            ValidationEvent.Command command = ValidationEvent.parse(input.readAllBytes());
            if (command instanceof ValidationEvent.RestoreTest t) {
                report = service.validateRestoreTest(t.event(), deadline);
            } else {
                ValidationPlan plan = ((ValidationEvent.Scheduled) command).drill()
                        ? config.plan().withDrill(ValidationEvent.DRILL) : config.plan();
                report = service.run(plan, deadline);
            }
        } catch (ConfigException e) {
            // Nothing was checked, but a scheduled run that cannot start must still be seen.
            notifier.failure(new Notification("DynamoDB backup validation FAILED: bad configuration or input", ErrorText.firstLine(e)));
            throw e;
        }
        LOG.info("requestId={} status={} passed={} warned={} failed={}\n{}", context.getAwsRequestId(), report.ok() ? "PASSED" : "FAILED",
                report.passed(), report.warned(), report.failed(), report.summary());
        if (!report.ok()) {
            throw new ValidationFailedException(report);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "PASSED");
        out.put("passed", report.passed());
        out.put("warned", report.warned());
        out.put("checks", report.checks());
        JSON.writeValue(output, out);
    }
}
