package dev.ddbbackup.backup;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * A Lambda context for tests: a fixed request id, and a remaining time that runs down with the wall
 * clock from a budget the test chooses, as Lambda's does.
 */
public final class TestContext implements Context {

    private final long startNanos = System.nanoTime();
    private final long budgetMillis;
    private final IntSupplier remainingMillis;

    public TestContext(long budgetMillis) {
        this.budgetMillis = budgetMillis;
        this.remainingMillis = () -> (int) Math.max(0, budgetMillis - elapsedMillis());
    }

    private TestContext(IntSupplier remainingMillis) {
        this.budgetMillis = Long.MAX_VALUE / 2_000_000;
        this.remainingMillis = remainingMillis;
    }

    /**
     * A context whose remaining time is whatever {@code remainingMillis} answers at each read, for tests
     * that must run out of time at an exact step rather than race a clock.
     */
    public static TestContext withRemainingTime(IntSupplier remainingMillis) {
        return new TestContext(remainingMillis);
    }

    /** Milliseconds since the context was made. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** When the invocation would be killed, on the {@link System#nanoTime()} scale. */
    public long timeoutAtNanos() {
        return startNanos + budgetMillis * 1_000_000;
    }

    @Override
    public String getAwsRequestId() {
        return "test-request-1";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/backup";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/21/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return "backup";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:backup";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
