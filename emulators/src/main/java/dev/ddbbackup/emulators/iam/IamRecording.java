package dev.ddbbackup.emulators.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that records the AWS operations a Lambda handler's code calls in an integration
 * test and fails the test class when one of them needs an IAM action the handler's
 * {@link DeclaredIamActions list} does not declare.
 *
 * <p>Register it as a static field ({@code @RegisterExtension static final IamRecording IAM = new
 * IamRecording(BackupHandler.class);}) and run the function through {@link #during}; calls made outside
 * it (the test's own arrange and assert calls) are not recorded. The module's test resources must name
 * {@link SdkCallRecorder} in {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 *
 * <p>After each test class it also writes everything recorded for the handler in this JVM to
 * {@code target/iam-recorded/<handler class>.txt}, one IAM action a line followed by the operations that
 * needed it; the deployment module compares that file with the declared list (no declared action left
 * unexercised without a reason).
 */
public final class IamRecording implements AfterAllCallback {

    /** A call that may throw a checked exception, such as a handler's {@code handleRequest}. */
    @FunctionalInterface
    public interface Invocation<T, E extends Exception> {
        T call() throws E;
    }

    /** A call without a result that may throw a checked exception. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private static final Map<String, Set<String>> RECORDED_IN_JVM = new ConcurrentHashMap<>();

    private final Class<?> handler;
    private final DeclaredIamActions declared;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private volatile Set<String> lastWindow = Set.of();

    /** Records for {@code handler}; its declared list must exist. */
    public IamRecording(Class<?> handler) {
        this.handler = handler;
        this.declared = DeclaredIamActions.of(handler);
    }

    /** Runs {@code call}, recording every AWS operation attempted until it returns or throws. */
    public <T, E extends Exception> T during(Invocation<T, E> call) throws E {
        Set<String> window = SdkCallRecorder.open();
        try {
            return call.call();
        } finally {
            SdkCallRecorder.close(window);
            recorded.addAll(window);
            lastWindow = Set.copyOf(window);
        }
    }

    /** Runs {@code action}, recording every AWS operation attempted until it returns or throws. */
    public <E extends Exception> void run(Action<E> action) throws E {
        during(() -> {
            action.run();
            return null;
        });
    }

    /**
     * The operations attempted during the most recent {@link #during} or {@link #run} of this instance
     * alone, as {@code Service:Operation}: what one invocation called, for tests that assert it exactly.
     */
    public Set<String> lastWindow() {
        return new TreeSet<>(lastWindow);
    }

    /** The operations recorded so far by this extension instance, as {@code Service:Operation}. */
    public Set<String> recorded() {
        return new TreeSet<>(recorded);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Set<String> all = RECORDED_IN_JVM.computeIfAbsent(handler.getName(), k -> ConcurrentHashMap.newKeySet());
        all.addAll(recorded);
        write(all);
        List<String> problems = declared.problemsWithCalls(recorded);
        if (!problems.isEmpty()) {
            throw new AssertionError(handler.getSimpleName() + " called AWS operations its IAM list does not cover:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private void write(Set<String> operations) {
        Map<String, Set<String>> byAction = new TreeMap<>();
        for (String op : operations) {
            for (String action : IamActionMap.actionsFor(op)) {
                byAction.computeIfAbsent(action, a -> new TreeSet<>()).add(op);
            }
        }
        StringBuilder text = new StringBuilder("# IAM actions " + handler.getName()
                + " needed in this module's integration tests (IamRecording), with the SDK operations that needed them\n");
        byAction.forEach((action, ops) -> text.append(action).append('\t').append(String.join(", ", ops)).append('\n'));
        Path file = Path.of("target", "iam-recorded", handler.getName() + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }

    /** Reads a file {@link IamRecording} wrote: the IAM actions it lists. */
    public static Set<String> readRecordedActions(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2)[0].strip())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
