package dev.ddbbackup.recovery.cfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of the CloudFormation custom resource that proves the latest backup of a table
 * restores (the restore test of seed 004, Step 5).
 *
 * <p>Trigger: a CloudFormation custom resource ({@code ServiceToken} = this function). Input: the custom
 * resource request; properties {@code TableName}, {@code BackupBucket}, {@code BackupPrefix}, each
 * defaulting to the environment (see {@link RestoreTestConfig}). Create and Update run a
 * {@link RestoreTest} (latest backup, scratch table, full comparison, scratch table deleted) and answer
 * SUCCESS or FAILED with a reason; Delete answers SUCCESS at once. {@code PhysicalResourceId} is
 * {@code restore-test-{table}} on Create and the existing id on Update and Delete. {@code Fn::GetAtt}
 * attributes: {@code Passed}, {@code ScratchTable}, {@code ItemsExpected}, {@code ItemsFound},
 * {@code ItemsDifferent}, {@code ItemsMissing}, {@code Seconds}.
 *
 * <p>It never leaves a stack waiting: when the test is not done with {@code RESPONSE_MARGIN_SECONDS} of
 * Lambda time left, it answers FAILED naming the scratch table that may remain. It throws only when it
 * cannot answer (no response URL) or the answer could not be delivered.
 *
 * <p>Environment: see {@link RestoreTestConfig}. IAM: none for the answer (a presigned URL); the restore
 * test ({@link dev.ddbbackup.recovery.RestoreDrill}) needs s3:ListBucket and s3:GetObject on the backup
 * prefix, dynamodb:CreateTable, DescribeTable, BatchWriteItem, BatchGetItem and DeleteTable on
 * {@code {table}-restore-test-*}, and cloudwatch:PutMetricData.
 */
public final class RestoreTestHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreTestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_PREFIX = "restore-test-";

    private final RestoreTest restoreTest;
    private final RestoreTestConfig config;
    private final CfnResponseSender sender;
    private final Clock clock;

    /** Init phase: configuration and the restore test built once per container. */
    public RestoreTestHandler() {
        this(RestoreTests.fromEnvironment(),
                RestoreTestConfig.from(Settings.fromEnvironment()), CfnResponseSender.standard(), Clock.systemUTC());
    }

    RestoreTestHandler(RestoreTest restoreTest, RestoreTestConfig config, CfnResponseSender sender, Clock clock) {
        this.restoreTest = Objects.requireNonNull(restoreTest, "restoreTest");
        this.config = Objects.requireNonNull(config, "config");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Throws when the event cannot be answered: Lambda logs it, and no answer could help.
        CustomResourceEvent event = CustomResourceEvent.parse(input.readAllBytes());
        CustomResourceResponse response = answer(event, context);
        sender.send(event.responseUrl(), response);
        LOG.info("requestId={} requestType={} logicalResourceId={} physicalResourceId={} status={} answeredTo={} reason={}",
                context.getAwsRequestId(), event.requestType(), event.logicalResourceId(), response.physicalResourceId(),
                response.status(), event.responseUrl().getHost(), response.reason());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Status", response.status());
        out.put("PhysicalResourceId", response.physicalResourceId());
        out.put("Reason", response.reason());
        JSON.writeValue(output, out);
    }

    private CustomResourceResponse answer(CustomResourceEvent event, Context context) {
        return switch (event.requestType()) {
            // Nothing to undo: the test deleted its scratch table before it answered Create or Update.
            case "Delete" -> CustomResourceResponse.success(event, existingId(event, ID_PREFIX + event.logicalResourceId()),
                    "nothing to delete", Map.of());
            case "Create", "Update" -> runTest(event, context);
            default -> CustomResourceResponse.failed(event, existingId(event, ID_PREFIX + event.logicalResourceId()),
                    "RequestType: must be Create, Update or Delete, got '" + event.requestType() + "'", Map.of());
        };
    }

    private CustomResourceResponse runTest(CustomResourceEvent event, Context context) {
        RestoreTestRequest request;
        try {
            request = RestoreTestRequest.fromProperties(event.resourceProperties(), config, clock.instant());
        } catch (ConfigException e) {
            return CustomResourceResponse.failed(event, existingId(event, ID_PREFIX + event.logicalResourceId()),
                    "Invalid restore test properties: " + e.getMessage(), Map.of());
        }
        String physicalId = existingId(event, ID_PREFIX + request.tableName());
        String previousTable = event.oldResourceProperties().get(RestoreTestRequest.TABLE_NAME);
        if (previousTable != null && !previousTable.equals(request.tableName())) {
            LOG.info("Update moves the restore test from table {} to {}; PhysicalResourceId {} is kept",
                    previousTable, request.tableName(), physicalId);
        }
        long responseMarginMillis = config.responseMargin().toMillis();
        long waitMillis = context.getRemainingTimeInMillis() - responseMarginMillis;
        if (waitMillis <= 0) {
            return failed(event, context, physicalId, "Restore test of table " + request.tableName() + " not started: only "
                    + seconds(context.getRemainingTimeInMillis()) + " s of Lambda time left, and "
                    + RestoreTestConfig.RESPONSE_MARGIN_ENV + " keeps " + seconds(responseMarginMillis)
                    + " s to answer; raise the function's timeout");
        }
        Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, responseMarginMillis + config.cleanupMargin().toMillis());
        ExecutorService worker = DaemonPool.fixed(1, "restore-test-" + event.requestId());
        try {
            Future<RestoreTestOutcome> running = worker.submit(
                    () -> Objects.requireNonNull(restoreTest.run(request, deadline), "the restore test returned no outcome"));
            RestoreTestOutcome outcome;
            try {
                outcome = running.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                return failed(event, context, physicalId, "Restore test of table " + request.tableName()
                        + " ran out of time: not done with " + seconds(responseMarginMillis)
                        + " s of Lambda time left; scratch table " + request.scratchTable()
                        + " may remain and should be deleted; raise the function's timeout or test a smaller table");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                // Not rethrown: the stack trace is logged here once, the first line goes to CloudFormation.
                LOG.warn("restore test of table {} failed (requestId={})", request.tableName(), context.getAwsRequestId(), cause);
                return failed(event, context, physicalId, "Restore test of table " + request.tableName() + " failed: "
                        + ErrorText.firstLine(cause) + "; scratch table " + request.scratchTable() + " may remain");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel(true);
                return failed(event, context, physicalId, "Restore test of table " + request.tableName()
                        + " was interrupted; scratch table " + request.scratchTable() + " may remain");
            }
            return fromOutcome(event, context, physicalId, request, outcome);
        } finally {
            worker.shutdownNow();
        }
    }

    private CustomResourceResponse fromOutcome(CustomResourceEvent event, Context context, String physicalId,
            RestoreTestRequest request, RestoreTestOutcome outcome) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Passed", Boolean.toString(outcome.passed()));
        data.put("ScratchTable", outcome.scratchTable());
        data.put("ItemsExpected", Long.toString(outcome.itemsExpected()));
        data.put("ItemsFound", Long.toString(outcome.itemsFound()));
        data.put("ItemsDifferent", Long.toString(outcome.itemsDifferent()));
        data.put("ItemsMissing", Long.toString(outcome.itemsMissing()));
        data.put("Seconds", String.format(Locale.ROOT, "%.1f", outcome.seconds()));
        String counts = "expected " + outcome.itemsExpected() + ", found " + outcome.itemsFound() + ", different "
                + outcome.itemsDifferent() + ", missing " + outcome.itemsMissing() + " in "
                + data.get("Seconds") + " s (scratch table " + outcome.scratchTable() + ")";
        if (outcome.passed()) {
            return CustomResourceResponse.success(event, physicalId, "Restore test of table " + request.tableName()
                    + " passed: " + counts, data);
        }
        return CustomResourceResponse.failed(event, physicalId, "Restore test of table " + request.tableName()
                + " did not pass: " + outcome.reason() + "; " + counts + logHint(context), data);
    }

    private static CustomResourceResponse failed(CustomResourceEvent event, Context context, String physicalId, String reason) {
        return CustomResourceResponse.failed(event, physicalId, reason + logHint(context), Map.of());
    }

    private static String logHint(Context context) {
        String stream = context.getLogStreamName();
        return stream == null || stream.isBlank() ? "" : "; details in log stream " + stream;
    }

    /** CloudFormation treats a changed id as a replacement; Update and Delete keep the one they were given. */
    private static String existingId(CustomResourceEvent event, String fallback) {
        return event.physicalResourceId() != null ? event.physicalResourceId() : fallback;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
