package dev.ddbbackup.core.aws;

import dev.ddbbackup.core.concurrent.DaemonPool;
import dev.ddbbackup.core.retry.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the one sync client per service that a process uses, configured the same way everywhere.
 *
 * <p>In production endpoints are never set here: the SDK reads {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} itself. S3 switches to path-style addressing when an endpoint
 * override is present, because emulators do not serve virtual-hosted buckets. Throttling
 * (ProvisionedThroughputExceeded, ThrottlingException, RequestLimitExceeded, S3 SlowDown) is retried
 * by the SDK's standard strategy with our full-jitter {@link Backoff} and no circuit breaker: a
 * backup should slow down under throttling, not give up after a burst.
 *
 * <p>The clients share one timer for their call timeouts ({@link #TIMEOUT_THREADS} daemon threads named
 * {@code sdk-timeouts-N}). The SDK's own timer, one per client, keeps the timeouts of calls that already
 * finished queued until they would have fired, ten minutes for the call timeout; at a restore's thousands
 * of calls a minute its thread spent about a CPU second a minute on them. This one drops a timeout when
 * its call finishes.
 */
public final class AwsClients implements AutoCloseable {

    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 10;

    /** Threads of the timer that aborts calls past their timeouts; aborting is quick, so few are needed. */
    static final int TIMEOUT_THREADS = 2;

    private final Region region;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration overrides;
    private final Endpoints endpoints;
    private final AwsCredentialsProvider credentials;
    private final ScheduledThreadPoolExecutor timeouts;

    /** Clients that take endpoints and credentials from the standard SDK settings. */
    public AwsClients(Region region, int maxConnections) {
        this(region, maxConnections, Endpoints.STANDARD, null);
    }

    /**
     * Clients with explicit endpoints (null entries use the standard settings) and credentials (null:
     * the default chain). For the embedded demo and benchmarks.
     */
    public AwsClients(Region region, int maxConnections, Endpoints endpoints, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.http = ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        this.timeouts = new ScheduledThreadPoolExecutor(TIMEOUT_THREADS, DaemonPool.threads("sdk-timeouts"));
        timeouts.setRemoveOnCancelPolicy(true);
        this.overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .backoffStrategy(Backoff.DEFAULT)
                        .throttlingBackoffStrategy(Backoff.DEFAULT)
                        .circuitBreakerEnabled(false)
                        .build())
                .apiCallAttemptTimeout(Duration.ofSeconds(90))
                .apiCallTimeout(Duration.ofMinutes(10))
                .scheduledExecutorService(timeouts)
                .build();
    }

    /** Clients for the region the standard SDK settings name (AWS_REGION, profile, ...). */
    public static AwsClients fromEnvironment(int maxConnections) {
        Region region;
        try {
            region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new dev.ddbbackup.core.config.ConfigException("AWS_REGION",
                    "no region configured; set AWS_REGION (for example us-east-1) or a profile region");
        }
        return new AwsClients(region, maxConnections);
    }

    public Region region() {
        return region;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), endpoints.dynamoDb()).build();
    }

    public S3Client s3() {
        return configure(S3Client.builder(), endpoints.s3())
                .forcePathStyle(endpoints.s3() != null || s3EndpointOverride().isPresent())
                .build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), endpoints.sns()).build();
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder(), endpoints.cloudWatch()).build();
    }

    public BackupClient backup() {
        return configure(BackupClient.builder(), endpoints.backup()).build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        builder.region(region).httpClient(http).overrideConfiguration(overrides);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }

    /** Explicit service endpoints; a null entry means "from the standard settings". */
    public record Endpoints(URI dynamoDb, URI s3, URI sns, URI cloudWatch, URI backup) {
        public static final Endpoints STANDARD = new Endpoints(null, null, null, null, null);

        /** Endpoints without AWS Backup, which only the managed restores use. */
        public Endpoints(URI dynamoDb, URI s3, URI sns, URI cloudWatch) {
            this(dynamoDb, s3, sns, cloudWatch, null);
        }
    }

    /** The S3 endpoint override from the standard settings, if any. */
    static Optional<String> s3EndpointOverride() {
        for (String name : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        for (String name : new String[] {"aws.endpointUrlS3", "aws.endpointUrl"}) {
            String v = System.getProperty(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Call timeouts scheduled and not yet fired or dropped: one or two per call in progress. */
    int pendingTimeouts() {
        return timeouts.getQueue().size();
    }

    @Override
    public void close() {
        http.close();
        timeouts.shutdownNow();
    }
}
