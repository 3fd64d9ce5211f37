package dev.ddbbackup.emulators;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one emulator per test JVM, on first use, stops it when the whole test run ends and
 * injects it into test constructors, lifecycle methods and test methods.
 *
 * <p>The emulator lives in the root context's store, so every test class that uses the extension
 * shares it; tests keep out of each other's way with {@link UniqueName}.
 */
abstract class SharedEmulatorExtension<T extends AutoCloseable>
        implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedEmulatorExtension.class);

    private final Class<T> type;
    private final Supplier<T> starter;

    SharedEmulatorExtension(Class<T> type, Supplier<T> starter) {
        this.type = type;
        this.starter = starter;
    }

    /** Starts the emulator before the class's tests, so a failed start fails them clearly. */
    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext,
            ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext,
            ExtensionContext extensionContext) {
        return emulator(extensionContext);
    }

    private T emulator(ExtensionContext context) {
        Running<?> running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(type, key -> new Running<>(starter.get()), Running.class);
        return type.cast(running.emulator());
    }

    /** Closes the emulator when JUnit closes the root store at the end of the run. */
    private record Running<T extends AutoCloseable>(T emulator)
            implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            emulator.close();
        }
    }
}
