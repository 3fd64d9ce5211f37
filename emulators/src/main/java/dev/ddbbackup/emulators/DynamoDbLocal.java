package dev.ddbbackup.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * A DynamoDB Local server on a free loopback port, either inside this JVM (fast, for tests) or in
 * a child JVM (so a benchmark can give the database a large heap while the measured process stays
 * small).
 *
 * <p>The database is in memory and shared by all credentials and regions ({@code -sharedDb}), so
 * code under test sees the tables a test created whatever credentials it uses. DynamoDB Local has
 * no backup, PITR, export, import or tagging APIs.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);
    private static final String NATIVE_RESOURCE_DIR = "sqlite4java-native";
    private static final String SQLITE_PATH_PROPERTY = "sqlite4java.library.path";
    private static final Duration IN_PROCESS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final DynamoDBProxyServer server;
    private final ChildProcess child;
    private final Path nativeLibraryCopy;

    private DynamoDbLocal(URI endpoint, DynamoDBProxyServer server, ChildProcess child,
            Path nativeLibraryCopy) {
        this.endpoint = endpoint;
        this.server = server;
        this.child = child;
        this.nativeLibraryCopy = nativeLibraryCopy;
    }

    /**
     * Starts DynamoDB Local inside this JVM and waits until it answers.
     *
     * <p>Sets the JVM-wide system property {@code sqlite4java.library.path}.
     */
    public static DynamoDbLocal startInProcess() {
        NativeLibraries natives = NativeLibraries.locate();
        System.setProperty(SQLITE_PATH_PROPERTY, natives.directory().toString());
        int port = FreePort.find();
        URI endpoint = endpoint(port);
        DynamoDBProxyServer server;
        try {
            server = ServerRunner.createServerFromCommandLineArgs(serverArgs(port));
            server.start();
        } catch (Exception e) {
            natives.deleteCopy();
            throw new EmulatorStartException(
                    "Could not start DynamoDB Local in-process on " + endpoint, e);
        }
        DynamoDbLocal local = new DynamoDbLocal(endpoint, server, null, natives.copy());
        try {
            awaitAnswer(local, IN_PROCESS_TIMEOUT);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        LOG.info("DynamoDB Local (in-process) listening on {}", endpoint);
        return local;
    }

    /**
     * Starts DynamoDB Local in a child JVM with this JVM's classpath and waits until it answers.
     *
     * @param jvmArgs options for the child JVM, such as {@code -Xmx4g}
     */
    public static DynamoDbLocal startChildProcess(List<String> jvmArgs) {
        List<String> options = List.copyOf(jvmArgs);
        Path workDir = ChildProcess.createWorkDir("dynamodb-local");
        NativeLibraries natives = NativeLibraries.locateOrCopyInto(workDir);
        int port = FreePort.find();
        List<String> jvmOptions = new ArrayList<>(options);
        jvmOptions.add("-D" + SQLITE_PATH_PROPERTY + "=" + natives.directory());
        List<String> command = ChildProcess.javaCommand(jvmOptions, ServerRunner.class.getName(), List.of(serverArgs(port)));
        ChildProcess child = ChildProcess.start("dynamodb-local", command, workDir);
        DynamoDbLocal local = new DynamoDbLocal(endpoint(port), null, child, null);
        try (DynamoDbClient probe = local.newProbeClient()) {
            child.awaitReady(() -> answers(probe), CHILD_TIMEOUT);
        }
        LOG.info("DynamoDB Local (child process) listening on {}", local.endpoint);
        return local;
    }

    /** The child JVM started by {@link #startChildProcess}; empty when the server runs in this JVM. */
    public Optional<ProcessHandle> childProcess() {
        return child == null ? Optional.empty() : Optional.of(child.handle());
    }

    /** The HTTP endpoint to give SDK clients as endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns a client builder already pointed at this server, for further configuration. */
    public DynamoDbClientBuilder clientBuilder() {
        return EmulatorClients.configure(DynamoDbClient.builder(), endpoint);
    }

    /** Returns a new client for this server; the caller closes it. */
    public DynamoDbClient newClient() {
        return clientBuilder().build();
    }

    /** Stops the server, or the child JVM, and deletes its temporary files. */
    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Stopping DynamoDB Local on {} failed: {}", endpoint, e.toString());
            }
        }
        if (child != null) {
            child.close();
        }
        if (nativeLibraryCopy != null) {
            ChildProcess.deleteRecursively(nativeLibraryCopy);
        }
    }

    private static String[] serverArgs(int port) {
        return new String[] {"-inMemory", "-sharedDb", "-disableTelemetry",
            "-port", Integer.toString(port)};
    }

    private static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void awaitAnswer(DynamoDbLocal local, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DynamoDbClient probe = local.newProbeClient()) {
            while (!answers(probe)) {
                if (System.nanoTime() > deadline) {
                    throw new EmulatorStartException("DynamoDB Local on " + local.endpoint
                            + " did not answer ListTables within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException("Interrupted while waiting for DynamoDB Local", e);
        }
    }

    /** A client that fails fast, for polling the server until it answers. */
    private DynamoDbClient newProbeClient() {
        return clientBuilder()
                .overrideConfiguration(c -> c
                        .apiCallTimeout(Duration.ofSeconds(2))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static boolean answers(DynamoDbClient probe) {
        try {
            probe.listTables();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /**
     * Where sqlite4java's native libraries are on disk: the build copies them into this module's
     * resources, which are plain files when run from {@code target/classes} but jar entries when
     * this module is a jar dependency, and then must be copied out.
     */
    private record NativeLibraries(Path directory, Path copy) {

        static NativeLibraries locate() {
            Path onDisk = directoryOnDisk();
            if (onDisk != null) {
                return new NativeLibraries(onDisk, null);
            }
            Path copy = ChildProcess.createWorkDir("sqlite4java-native");
            extractFromJar(copy);
            return new NativeLibraries(copy, copy);
        }

        static NativeLibraries locateOrCopyInto(Path workDir) {
            Path onDisk = directoryOnDisk();
            if (onDisk != null) {
                return new NativeLibraries(onDisk, null);
            }
            Path copy = workDir.resolve(NATIVE_RESOURCE_DIR);
            extractFromJar(copy);
            // Deleted with the child's working directory.
            return new NativeLibraries(copy, null);
        }

        void deleteCopy() {
            if (copy != null) {
                ChildProcess.deleteRecursively(copy);
            }
        }

        private static URL resource() {
            URL url = DynamoDbLocal.class.getResource("/" + NATIVE_RESOURCE_DIR + "/");
            if (url == null) {
                throw new EmulatorStartException("sqlite4java native libraries not found at /"
                        + NATIVE_RESOURCE_DIR + " on the classpath; they are copied there when the"
                        + " emulators module is built with Maven (generate-resources phase)");
            }
            return url;
        }

        private static Path directoryOnDisk() {
            URL url = resource();
            if (!"file".equals(url.getProtocol())) {
                return null;
            }
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new EmulatorStartException("Unusable resource location " + url, e);
            }
        }

        private static void extractFromJar(Path target) {
            URL url = resource();
            try {
                Files.createDirectories(target);
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                // A cached JarFile is shared with the class loader; closing it would break loading.
                connection.setUseCaches(false);
                String prefix = connection.getEntryName();
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || !name.startsWith(prefix)
                                || name.indexOf('/', prefix.length()) >= 0) {
                            continue;
                        }
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target.resolve(name.substring(prefix.length())));
                        }
                    }
                }
            } catch (IOException | ClassCastException e) {
                throw new EmulatorStartException("Could not copy sqlite4java native libraries from "
                        + url + " to " + target, e);
            }
        }
    }
}
