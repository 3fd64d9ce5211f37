package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.backup.TestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbbackup.backup.AllTypesTable;
import dev.ddbbackup.backup.BackupOptions;
import dev.ddbbackup.backup.BackupRequest;
import dev.ddbbackup.backup.BackupService;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.S3Emulator;
import dev.ddbbackup.emulators.S3EmulatorExtension;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.emulators.iam.IamRecording;
import dev.ddbbackup.recovery.RestoreDrill;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The custom resource with the real restore drill: emulated DynamoDB and S3, a local server for the response URL. */
@ExtendWith({DynamoDbLocalExtension.class, S3EmulatorExtension.class})
class RestoreTestHandlerIT {

    /** Every AWS operation the function's code calls here must be in its IAM list. */
    @RegisterExtension
    static final IamRecording IAM = new IamRecording(RestoreTestHandler.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsClients clients;
    private final DynamoDbClient ddb;
    private final S3Client s3;
    private final S3Emulator s3Emulator;

    RestoreTestHandlerIT(DynamoDbLocal ddbLocal, S3Emulator s3Emulator) {
        this.s3Emulator = s3Emulator;
        if (clients == null) {
            clients = new AwsClients(EmulatorClients.REGION, 32,
                    new AwsClients.Endpoints(ddbLocal.endpoint(), s3Emulator.endpoint(), null, null), EmulatorClients.credentialsProvider());
        }
        ddb = clients.dynamoDb();
        s3 = clients.s3();
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }

    private record Fixture(String table, String bucket, BackupRef ref) {}

    private Fixture backedUp() {
        String table = UniqueName.next("orders");
        String bucket = s3Emulator.createUniqueBucket("cfn");
        AllTypesTable.create(ddb, table);
        AllTypesTable.fill(ddb, table, 120);
        new BackupService(ddb, s3, Notifier.none(), MetricsPublisher.none(), BackupOptions.DEFAULT.withMaxDataFileBytes(8192), Clock.systemUTC())
                .run(new BackupRequest(List.of(table), bucket, new BackupLayout("dynamodb-backups"), 2), Deadline.none());
        return new Fixture(table, bucket, new BackupCatalog(s3, bucket, new BackupLayout("dynamodb-backups")).latest(table).orElseThrow());
    }

    private JsonNode create(Fixture f) throws IOException {
        RestoreService service = new RestoreService(ddb, s3, null, Notifier.none(), MetricsPublisher.none(), RestoreOptions.DEFAULT,
                Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        RestoreTestHandler handler = new RestoreTestHandler(new RestoreDrill(service, ddb), RestoreTestConfig.from(new Settings(Map.of())),
                new CfnResponseSender(http, Duration.ofSeconds(5), 3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50))),
                Clock.systemUTC());
        try (ResponseServer server = new ResponseServer(); InputStream in = getClass().getResourceAsStream("/events/cfn-create.json")) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("ResponseURL", server.presignedUrl().toString());
            ObjectNode props = (ObjectNode) event.get("ResourceProperties");
            props.put("TableName", f.table()).put("BackupBucket", f.bucket());
            IAM.run(() -> handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), new ByteArrayOutputStream(),
                    new TestContext(120_000)));
            assertThat(server.received()).hasSize(1);
            return JSON.readTree(server.received().get(0).body());
        }
    }

    private List<String> scratchTables(String table) {
        return ddb.listTablesPaginator(r -> r.limit(100)).tableNames().stream().filter(n -> n.startsWith(table + "-restore-test-")).toList();
    }

    @Test
    void create_restoresTheLatestBackupIntoAScratchTable_comparesEveryItem_answersSuccess_andDeletesTheScratchTable() throws IOException {
        Fixture f = backedUp();

        JsonNode answer = create(f);

        assertThat(answer.get("Status").asText()).as(answer.toString()).isEqualTo("SUCCESS");
        assertThat(answer.get("Data").get("ItemsExpected").asText()).isEqualTo("120");
        assertThat(answer.get("Data").get("ItemsFound").asText()).isEqualTo("120");
        assertThat(scratchTables(f.table())).isEmpty();
    }

    @Test
    void create_withADamagedBackup_answersFailedNamingTheFile_andLeavesNoScratchTable() throws IOException {
        Fixture f = backedUp();
        BackupCatalog catalog = new BackupCatalog(s3, f.bucket(), new BackupLayout("dynamodb-backups"));
        String key = new BackupLayout("dynamodb-backups").resolveDataKey(f.table(), f.ref().id(),
                catalog.readManifestFiles(f.ref(), catalog.readManifest(f.ref())).get(0).dataFileS3Key());
        s3.putObject(p -> p.bucket(f.bucket()).key(key), RequestBody.fromString("tampered"));

        JsonNode answer = create(f);

        assertThat(answer.get("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.get("Reason").asText()).contains(key);
        assertThat(scratchTables(f.table())).isEmpty();
    }
}
