package dev.ddbbackup.core.table;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Lists against moto's real CreateBackup/ListBackups, and against WireMock where moto falls short:
 * moto 5.2 answers ListBackups in one page and ignores BackupType, so paging and the type filter
 * are checked on recorded-shape answers.
 */
@ExtendWith(MotoExtension.class)
class NativeBackupsIT {

    private static final String JSON_10 = "application/x-amz-json-1.0";

    @RegisterExtension
    static WireMockExtension ddbApi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MotoServer moto;

    NativeBackupsIT(MotoServer moto) {
        this.moto = moto;
    }

    @Test
    void userBackups_onMoto_listsThisTablesBackupsNewestFirst() throws InterruptedException {
        try (DynamoDbClient ddb = moto.configure(DynamoDbClient.builder()).build()) {
            String table = createTable(ddb, "nb");
            String other = createTable(ddb, "nbother");
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = table + "-" + i;
                created.add(ddb.createBackup(b -> b.tableName(table).backupName(name)).backupDetails().backupArn());
                Thread.sleep(5); // distinct creation times, so newest-first is observable
            }
            ddb.createBackup(b -> b.tableName(other).backupName(other + "-0"));

            List<BackupSummary> listed = new NativeBackups(ddb).userBackups(table);

            assertThat(listed).extracting(BackupSummary::backupArn).containsExactly(created.get(2), created.get(1), created.get(0));
        }
    }

    @Test
    void userBackups_manyPages_followsLastEvaluatedArnAndKeepsOnlyUserBackups() {
        stubPage(null, "arn:b2", summary("arn:b1", "USER", 1_700_000_100), summary("arn:s1", "SYSTEM", 1_700_000_900));
        stubPage("arn:b2", "arn:b3", summary("arn:b2", "USER", 1_700_000_300), summary("arn:a1", "AWS_BACKUP", 1_700_000_950));
        stubPage("arn:b3", null, summary("arn:b3", "USER", 1_700_000_200));

        try (DynamoDbClient ddb = EmulatorClients.configure(DynamoDbClient.builder(), URI.create(ddbApi.baseUrl())).build()) {
            List<BackupSummary> listed = new NativeBackups(ddb).userBackups("Movies");

            assertThat(listed).extracting(BackupSummary::backupArn).containsExactly("arn:b2", "arn:b3", "arn:b1");
        }
        ddbApi.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.BackupType", equalTo("USER"))));
    }

    private static void stubPage(String exclusiveStart, String lastEvaluated, String... summaries) {
        var request = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.ListBackups"));
        request = exclusiveStart == null
                ? request.withRequestBody(matchingJsonPath("$[?(!@.ExclusiveStartBackupArn)]"))
                : request.withRequestBody(matchingJsonPath("$.ExclusiveStartBackupArn", equalTo(exclusiveStart)));
        String body = "{\"BackupSummaries\":[" + String.join(",", summaries) + "]"
                + (lastEvaluated == null ? "" : ",\"LastEvaluatedBackupArn\":\"" + lastEvaluated + "\"") + "}";
        ddbApi.stubFor(request.willReturn(aResponse().withHeader("Content-Type", JSON_10).withBody(body)));
    }

    private static String summary(String arn, String type, long epochSeconds) {
        return "{\"TableName\":\"Movies\",\"BackupArn\":\"" + arn + "\",\"BackupName\":\"Movies-x\",\"BackupStatus\":\"AVAILABLE\","
                + "\"BackupType\":\"" + type + "\",\"BackupCreationDateTime\":" + epochSeconds + ",\"BackupSizeBytes\":10}";
    }

    private static String createTable(DynamoDbClient ddb, String prefix) {
        String table = UniqueName.next(prefix);
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        return table;
    }
}
