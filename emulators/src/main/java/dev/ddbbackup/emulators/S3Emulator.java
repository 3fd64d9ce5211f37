package dev.ddbbackup.emulators;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3 emulator (Adobe S3Mock) in a child JVM on a free loopback port, for tests that need real
 * S3 semantics: multipart uploads and SHA-256 checksums that are checked and returned.
 *
 * <p>S3Mock is a Spring Boot application whose dependencies clash with DynamoDB Local's, so it
 * runs from its executable jar ({@code com.adobe.testing:s3mock:exec}), which must be on this
 * JVM's classpath. Its objects live in a temporary directory deleted on {@link #close()}.
 */
public final class S3Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Emulator.class);
    private static final Pattern EXEC_JAR = Pattern.compile("s3mock-.*-exec\\.jar");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final ChildProcess child;
    private final S3Client adminClient;

    private S3Emulator(URI endpoint, ChildProcess child) {
        this.endpoint = endpoint;
        this.child = child;
        this.adminClient = newClient();
    }

    /**
     * Starts S3Mock with the given buckets already created and waits until it answers.
     *
     * @throws EmulatorStartException if the S3Mock executable jar is not on the classpath or the
     *     server does not come up within a minute
     */
    public static S3Emulator start(String... initialBuckets) {
        Path jar = findExecJar(System.getProperty("java.class.path"));
        Path workDir = ChildProcess.createWorkDir("s3mock");
        Path storeRoot = workDir.resolve("store");
        int httpPort = FreePort.find();
        int httpsPort = FreePort.find();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // C1 only: S3Mock serves small test traffic, and this starts it a second faster.
                "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.http-port=" + httpPort,
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                "--spring.main.banner-mode=off"));
        if (initialBuckets.length > 0) {
            command.add("--com.adobe.testing.s3mock.store.initial-buckets="
                    + String.join(",", initialBuckets));
        }
        ChildProcess child = ChildProcess.start("s3mock", command, workDir);
        URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
        // Any HTTP status means Spring Boot has finished starting; it opens the port last.
        child.awaitReady(() -> HttpProbe.status("GET", endpoint.resolve("/")).isPresent(),
                STARTUP_TIMEOUT);
        LOG.info("S3Mock listening on {} (initial buckets {})", endpoint,
                Arrays.toString(initialBuckets));
        return new S3Emulator(endpoint, child);
    }

    /** The HTTP endpoint to give SDK clients as endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Returns a client builder already pointed at this server with path-style access, because
     * virtual-host addressing would need DNS for {@code bucket.127.0.0.1}.
     */
    public S3ClientBuilder clientBuilder() {
        return EmulatorClients.configure(S3Client.builder(), endpoint).forcePathStyle(true);
    }

    /** Returns a new client for this server; the caller closes it. */
    public S3Client newClient() {
        return clientBuilder().build();
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        adminClient.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Creates a bucket with a name unique in this JVM, starting with {@code prefix}. */
    public String createUniqueBucket(String prefix) {
        return createBucket(UniqueName.next(prefix));
    }

    /** Stops S3Mock and deletes every object it stored. */
    @Override
    public void close() {
        adminClient.close();
        child.close();
    }

    static Path findExecJar(String classPath) {
        Optional<Path> jar = Arrays.stream(classPath.split(Pattern.quote(File.pathSeparator)))
                .map(Path::of)
                .filter(path -> path.getFileName() != null
                        && EXEC_JAR.matcher(path.getFileName().toString()).matches())
                .filter(Files::isRegularFile)
                .findFirst();
        return jar.orElseThrow(() -> new EmulatorStartException("S3Mock executable jar"
                + " (s3mock-*-exec.jar) is not on the classpath; add the dependency"
                + " com.adobe.testing:s3mock with <classifier>exec</classifier>"));
    }
}
