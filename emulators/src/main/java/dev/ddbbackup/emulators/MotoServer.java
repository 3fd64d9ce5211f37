package dev.ddbbackup.emulators;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * A moto server (Python AWS mock) in a child process on a free loopback port, for the AWS APIs the
 * other emulators lack: DynamoDB backups, PITR, export and import, SNS and CloudWatch.
 *
 * <p>One server answers every service. It needs {@code moto_server} on the PATH
 * ({@code pip install 'moto[server]'}); without it, starting fails rather than skipping tests.
 */
public final class MotoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final String EXECUTABLE = "moto_server";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final ChildProcess child;

    private MotoServer(URI endpoint, ChildProcess child) {
        this.endpoint = endpoint;
        this.child = child;
    }

    /**
     * Starts {@code moto_server} and waits until its management API answers.
     *
     * @throws EmulatorStartException if {@code moto_server} is not on the PATH or does not come up
     *     within a minute
     */
    public static MotoServer start() {
        Path executable = findOnPath(System.getenv().getOrDefault("PATH", ""));
        int port = FreePort.find();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        ChildProcess child = ChildProcess.start(EXECUTABLE, List.of(executable.toString(),
                "-H", "127.0.0.1", "-p", Integer.toString(port)),
                ChildProcess.createWorkDir("moto"));
        child.awaitReady(() -> HttpProbe.status("GET", endpoint.resolve("/moto-api/"))
                .isPresent(), STARTUP_TIMEOUT);
        LOG.info("moto listening on {}", endpoint);
        return new MotoServer(endpoint, child);
    }

    /** The HTTP endpoint to give SDK clients of any service as endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Points an SDK client builder of any service at this server, for further configuration;
     * S3 clients also need {@code forcePathStyle(true)}.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder) {
        return EmulatorClients.configure(builder, endpoint);
    }

    /** Deletes all state in every service, for tests that need an empty account. */
    public void reset() {
        OptionalInt status = HttpProbe.status("POST", endpoint.resolve("/moto-api/reset"));
        if (status.isEmpty() || status.getAsInt() != 200) {
            throw new IllegalStateException("moto on " + endpoint + " answered reset with "
                    + (status.isEmpty() ? "nothing" : "HTTP " + status.getAsInt()));
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        child.close();
    }

    static Path findOnPath(String path) {
        return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(path)
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, EXECUTABLE))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new EmulatorStartException(
                        EXECUTABLE + " not found on PATH: pip install 'moto[server]'"));
    }
}
