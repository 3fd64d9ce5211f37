package dev.ddbbackup.emulators;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;

/**
 * Shows the pattern for control-plane calls DynamoDB Local lacks: WireMock in front of it answers
 * those from stubs and proxies everything else.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class WireMockDynamoDbProxyIT {

    private static final String TARGET = "X-Amz-Target";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    @RegisterExtension
    static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void stubControlPlane(DynamoDbLocal ddb) {
        WIREMOCK.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(ddb.endpoint().toString())));
        WIREMOCK.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader(TARGET, equalTo("DynamoDB_20120810.DescribeContinuousBackups"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", JSON_1_0)
                        .withBody("""
                                {"ContinuousBackupsDescription": {
                                  "ContinuousBackupsStatus": "ENABLED",
                                  "PointInTimeRecoveryDescription": {
                                    "PointInTimeRecoveryStatus": "ENABLED",
                                    "EarliestRestorableDateTime": 1.7E9,
                                    "LatestRestorableDateTime": 1.7000036E9
                                  }
                                }}""")));
    }

    @Test
    void dataPlaneCalls_areProxiedToDynamoDbLocal(DynamoDbLocal ddb) {
        String table = UniqueName.next("proxied");
        try (DynamoDbClient viaWireMock = ddb.clientBuilder()
                        .endpointOverride(URI.create(WIREMOCK.baseUrl())).build();
                DynamoDbClient direct = ddb.newClient()) {
            TestTables.createWithStringKey(viaWireMock, table);

            assertThat(direct.listTables().tableNames()).contains(table);
            WIREMOCK.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader(TARGET, equalTo("DynamoDB_20120810.CreateTable")));
        }
    }

    @Test
    void stubbedOperation_isAnsweredByWireMock(DynamoDbLocal ddb) {
        try (DynamoDbClient viaWireMock = ddb.clientBuilder()
                .endpointOverride(URI.create(WIREMOCK.baseUrl())).build()) {
            ContinuousBackupsDescription description = viaWireMock
                    .describeContinuousBackups(b -> b.tableName("anything"))
                    .continuousBackupsDescription();

            assertThat(description.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                    .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
            assertThat(description.pointInTimeRecoveryDescription().earliestRestorableDateTime())
                    .hasToString("2023-11-14T22:13:20Z");
        }
    }
}
