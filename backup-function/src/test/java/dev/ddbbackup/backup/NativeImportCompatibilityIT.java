package dev.ddbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.format.BackupCatalog;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.BackupRef;
import dev.ddbbackup.core.format.Manifest;
import dev.ddbbackup.core.metrics.MetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import dev.ddbbackup.core.retry.Backoff;
import dev.ddbbackup.core.write.BatchItemWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Our data/ folder is DynamoDB's native export line shape, so DynamoDB's own ImportTable can load a
 * backup without this tool. Checked against moto's ImportTable.
 */
@ExtendWith(MotoExtension.class)
class NativeImportCompatibilityIT {

    @Test
    void importTable_loadsOurDataFolder_itemsEquivalent(MotoServer moto) throws InterruptedException {
        try (AwsClients clients = new AwsClients(EmulatorClients.REGION, 8,
                new AwsClients.Endpoints(moto.endpoint(), moto.endpoint(), null, null), EmulatorClients.credentialsProvider())) {
            DynamoDbClient ddb = clients.dynamoDb();
            String source = UniqueName.next("export");
            String bucket = UniqueName.next("import");
            clients.s3().createBucket(b -> b.bucket(bucket));
            AllTypesTable.create(ddb, source);
            // moto's ImportTable reads string values naively (it stops at an escaped quote and leaves
            // \\u escapes undecoded), so this check keeps JSON escapes out of S; the codec tests cover them.
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            BatchItemWriter writer = new BatchItemWriter(ddb, Backoff.DEFAULT, 10);
            for (int i = 0; i < 60; i += 20) {
                List<Map<String, AttributeValue>> batch = new ArrayList<>();
                for (int j = i; j < i + 20; j++) {
                    Map<String, AttributeValue> item = new HashMap<>(AllTypesTable.item(j));
                    item.put("text", AttributeValue.fromS("ünïcødé ✓ #" + j));
                    batch.add(item);
                }
                writer.put(source, batch);
                items.addAll(batch);
            }
            BackupLayout layout = new BackupLayout(null);
            BackupRunResult result = new BackupService(ddb, clients.s3(), Notifier.none(), MetricsPublisher.none(),
                    BackupOptions.DEFAULT, Clock.systemUTC()).run(new BackupRequest(List.of(source), bucket, layout, 2), Deadline.none());
            assertThat(result.ok()).as(result.summary()).isTrue();
            BackupCatalog catalog = new BackupCatalog(clients.s3(), bucket, layout);
            BackupRef ref = catalog.latest(source).orElseThrow();
            Manifest manifest = catalog.readManifest(ref);
            String target = UniqueName.next("imported");

            String importArn = ddb.importTable(b -> b
                    .s3BucketSource(s -> s.s3Bucket(bucket).s3KeyPrefix(ref.folder() + "data/"))
                    .inputFormat(InputFormat.DYNAMODB_JSON)
                    .inputCompressionType(InputCompressionType.GZIP)
                    .tableCreationParameters(t -> t.tableName(target).billingMode(BillingMode.PAY_PER_REQUEST)
                            .keySchema(manifest.table().keySchema().stream().map(k -> KeySchemaElement.builder()
                                    .attributeName(k.attributeName()).keyType(k.keyType()).build()).toList())
                            .attributeDefinitions(manifest.table().attributeDefinitions().stream()
                                    // only the table's key attributes: the GSI is not recreated here
                                    .filter(a -> manifest.table().keySchema().stream().anyMatch(k -> k.attributeName().equals(a.attributeName())))
                                    .map(a -> AttributeDefinition.builder()
                                    .attributeName(a.attributeName()).attributeType(a.attributeType()).build()).toList())))
                    .importTableDescription().importArn();
            ImportStatus status = ImportStatus.IN_PROGRESS;
            for (int i = 0; i < 100 && status == ImportStatus.IN_PROGRESS; i++) {
                Thread.sleep(100);
                status = ddb.describeImport(b -> b.importArn(importArn)).importTableDescription().importStatus();
            }

            assertThat(status).isEqualTo(ImportStatus.COMPLETED);
            Map<String, Map<String, AttributeValue>> imported = new HashMap<>();
            ddb.scanPaginator(b -> b.tableName(target)).items().forEach(i -> imported.put(i.get("pk").s(), i));
            assertThat(imported).hasSize(60);
            for (Map<String, AttributeValue> item : items) {
                Map<String, AttributeValue> back = imported.get(item.get("pk").s());
                assertThat(ItemEquivalence.equivalent(item, back)).as("%s", ItemEquivalence.firstDifference(item, back)).isTrue();
            }
        }
    }
}
