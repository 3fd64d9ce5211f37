package dev.ddbbackup.emulators;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Holds the region and credentials every emulator accepts and points SDK client builders at an
 * emulator, so tests and code under test reach all emulators the same way.
 */
public final class EmulatorClients {

    /** The region every emulator client uses. */
    public static final Region REGION = Region.US_EAST_1;

    /** Access key id for emulators; DynamoDB Local accepts only letters and digits. */
    public static final String ACCESS_KEY_ID = "emulator";

    /** Secret access key for emulators; none of them check signatures. */
    public static final String SECRET_ACCESS_KEY = "emulator";

    private EmulatorClients() {
    }

    /** Returns a provider of {@link #ACCESS_KEY_ID} and {@link #SECRET_ACCESS_KEY}. */
    public static StaticCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * Sets endpoint, region, credentials and the Apache HTTP client on {@code builder}, which the
     * caller can then configure further and build.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint) {
        // DynamoDB Local drags in the Netty and URLConnection clients too; naming one avoids
        // depending on the SDK's choice among several HTTP implementations on the classpath.
        return builder
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentialsProvider())
                .httpClientBuilder(ApacheHttpClient.builder());
    }
}
