package dev.ddbbackup.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/** The clients' shared timeout timer, through the real SDK against an HTTP server that answers slowly. */
class AwsClientsIT {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aCallsTimeoutsAreOnTheSharedTimerWhileItRunsAndDroppedWhenItFinishes() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{\"TableNames\":[\"t\"]}")));
        try (AwsClients clients = new AwsClients(EmulatorClients.REGION, 4,
                new AwsClients.Endpoints(URI.create(server.baseUrl()), null, null, null), EmulatorClients.credentialsProvider());
             DynamoDbClient dynamoDb = clients.dynamoDb()) {
            CompletableFuture<ListTablesResponse> call = CompletableFuture.supplyAsync(() -> dynamoDb.listTables());
            int pendingDuringCall = 0;
            while (!call.isDone()) {
                pendingDuringCall = Math.max(pendingDuringCall, clients.pendingTimeouts());
                Thread.sleep(5);
            }
            assertThat(call.get().tableNames()).containsExactly("t");
            // The call timeout and the attempt timeout.
            assertThat(pendingDuringCall).isEqualTo(2);
            // The SDK's own timer would keep both for 10 minutes and 90 seconds.
            assertThat(clients.pendingTimeouts()).isZero();
            for (int i = 0; i < 20; i++) {
                dynamoDb.listTables();
            }
            assertThat(clients.pendingTimeouts()).isZero();
        }
    }
}
