package dev.ddbbackup.emulators;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock in front of DynamoDB Local, for answers DynamoDB gives and DynamoDB Local never does
 * (unprocessed items or keys, throttling): chosen calls are answered from stubs, everything else is
 * proxied.
 */
public final class DynamoDbStubs {

    private DynamoDbStubs() {
    }

    /** Proxies every call no other stub answers to DynamoDB Local. */
    public static void proxyTo(WireMockExtension wiremock, DynamoDbLocal ddb) {
        wiremock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(ddb.endpoint().toString())));
    }

    /**
     * Answers the next {@code times} calls of {@code operation} (such as {@code BatchWriteItem}) with this
     * status and JSON body; the calls after them go on to the proxy.
     */
    public static void answerFirst(WireMockExtension wiremock, String operation, int times, int status, String body) {
        for (int i = 0; i < times; i++) {
            wiremock.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario(operation)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered-" + i)
                    .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + operation))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body))
                    .willSetStateTo("answered-" + (i + 1)));
        }
    }
}
