package dev.ddbbackup.emulators.iam;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A global SDK execution interceptor that notes every AWS operation a function's code attempts while a
 * recording window is open, as {@code Service:Operation} (SDK service and operation names, for example
 * {@code S3:HeadObject}).
 *
 * <p>Tests register it for a module by naming it in the test resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}; the SDK then adds it to every
 * client the test JVM builds, including the ones a handler builds for itself. Outside a window it does
 * nothing, so the arrange and assert calls of a test are never counted; only the calls made while
 * {@link IamRecording#during} runs the function are. Calls are noted before they are sent, so a call
 * that fails (access denied, not found) still counts: it needed the permission.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {

    private static final AtomicReference<Set<String>> WINDOW = new AtomicReference<>();

    /** Created by the SDK from the global interceptor list. */
    public SdkCallRecorder() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Set<String> window = WINDOW.get();
        if (window != null) {
            window.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /**
     * Opens a window; every operation until {@link #close} is added to the returned set. Only one window
     * may be open: tests that record run one at a time.
     */
    static Set<String> open() {
        Set<String> window = ConcurrentHashMap.newKeySet();
        if (!WINDOW.compareAndSet(null, window)) {
            throw new IllegalStateException("an SDK call recording is already open; recordings cannot overlap");
        }
        return window;
    }

    static void close(Set<String> window) {
        WINDOW.compareAndSet(window, null);
    }
}
