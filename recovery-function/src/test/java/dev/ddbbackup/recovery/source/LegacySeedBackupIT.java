package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.FormatJson;
import dev.ddbbackup.emulators.EmulatorClients;
import dev.ddbbackup.emulators.MotoExtension;
import dev.ddbbackup.emulators.MotoServer;
import dev.ddbbackup.emulators.UniqueName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The legacy file as the seed really writes it: the seed's own backup_single_table and
 * calculate_checksum (resource legacy/seed000_backup.py, copied verbatim) run under python3 + boto3
 * against moto, then LegacyJsonSource reads the file from moto's S3. A missing python3 or boto3
 * fails the test (see {@link Python3}).
 */
@ExtendWith(MotoExtension.class)
class LegacySeedBackupIT {

    private static final String NAME = "\u00dcn\u00efc\u00f8d\u00e9 \u2014 \u6771\u4eac";
    private static final String EMOJI = "\uD83D\uDE00\uD83D\uDE80 ok";

    @Test
    void seedWrittenFile_verifiesAndMapsAsTheFileHoldsIt_thenFailsOnTheChecksumWhenAltered(MotoServer moto)
            throws IOException {
        String table = UniqueName.next("seed-orders");
        String bucket = UniqueName.next("seed-backups");
        try (DynamoDbClient ddb = moto.configure(DynamoDbClient.builder()).build();
             S3Client s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
            ddb.putItem(b -> b.tableName(table).item(richItem()));
            for (int i = 0; i < 30; i++) {
                Map<String, AttributeValue> plain = Map.of(
                        "pk", AttributeValue.fromS("plain-" + i), "n", AttributeValue.fromN(Integer.toString(i)));
                ddb.putItem(b -> b.tableName(table).item(plain));
            }

            String filename = runSeedBackup(moto, table, bucket);

            assertThat(LegacyJsonSource.latestKey(s3, bucket, table)).hasValue(filename);
            LegacyJsonSource source = LegacyJsonSource.open(s3, bucket, filename);
            SourcePart part = source.parts().get(0);
            Map<String, Map<String, AttributeValue>> items = new HashMap<>();
            source.verify(part, op -> items.put(op.attributes().get("pk").s(), op.attributes()));

            assertThat(part.expectedItems()).isEqualTo(31);
            assertThat(items).hasSize(31);
            assertThat(items.get("plain-7")).containsEntry("n", AttributeValue.fromN("7.0"));
            Map<String, AttributeValue> rich = items.get("rich");
            // top-level numbers went through float(Decimal): 20 digits keep 17, integers gain ".0"
            assertThat(rich.get("big")).isEqualTo(AttributeValue.fromN("1.2345678901234567e+19"));
            assertThat(rich.get("price")).isEqualTo(AttributeValue.fromN("3.14159"));
            assertThat(rich.get("count")).isEqualTo(AttributeValue.fromN("42.0"));
            assertThat(rich.get("tiny")).isEqualTo(AttributeValue.fromN("1e-05"));
            // nested numbers and sets went through default=str
            assertThat(rich.get("nested")).isEqualTo(AttributeValue.fromM(Map.of(
                    "a", AttributeValue.fromS("1.5"),
                    "b", AttributeValue.fromS("100"),
                    "deep", AttributeValue.fromM(Map.of("c", AttributeValue.fromS("-7"))))));
            assertThat(rich.get("colours").type()).isEqualTo(AttributeValue.Type.S);
            assertThat(rich.get("colours").s()).startsWith("{'").contains("'red'").contains("'green'");
            assertThat(rich.get("name")).isEqualTo(AttributeValue.fromS(NAME));
            assertThat(rich.get("emoji")).isEqualTo(AttributeValue.fromS(EMOJI));
            assertThat(rich.get("flag")).isEqualTo(AttributeValue.fromBool(true));
            assertThat(rich.get("nothing")).isEqualTo(AttributeValue.fromNul(true));

            // The whole restore, as the recovery function runs it, into a table created with the same key:
            String target = table + "-copy";
            createLike(ddb, target);
            dev.ddbbackup.recovery.RestoreService restores = new dev.ddbbackup.recovery.RestoreService(ddb, s3,
                    new dev.ddbbackup.core.format.BackupLayout(null), dev.ddbbackup.core.notify.Notifier.none(),
                    dev.ddbbackup.core.metrics.MetricsPublisher.none(), dev.ddbbackup.recovery.RestoreOptions.DEFAULT,
                    java.time.Clock.systemUTC());
            dev.ddbbackup.recovery.RestoreResult restored = restores.restore(new dev.ddbbackup.recovery.RestoreRequest(
                    new dev.ddbbackup.recovery.SourceSpec.LegacyJson(bucket, null, table), target, null, 25, null, null),
                    dev.ddbbackup.core.time.Deadline.none());
            assertThat(restored.status()).as(restored.summary()).isEqualTo(dev.ddbbackup.recovery.RestoreResult.Status.SUCCEEDED);
            assertThat(restored.itemsWritten()).isEqualTo(31);
            assertThat(restored.readBack().found()).isEqualTo(31);
            assertThat(restored.warnings()).anyMatch(w -> w.contains("float"));
            Map<String, AttributeValue> back = ddb.getItem(g -> g.tableName(target).key(Map.of("pk", AttributeValue.fromS("rich")))).item();
            assertThat(new java.math.BigDecimal(back.get("count").n())).isEqualByComparingTo("42");
            assertThat(back).containsEntry("name", AttributeValue.fromS(NAME));

            String original = s3.getObjectAsBytes(b -> b.bucket(bucket).key(filename)).asUtf8String();
            assertThat(original).contains("\"marker-value\"");
            s3.putObject(b -> b.bucket(bucket).key(filename),
                    RequestBody.fromString(original.replace("\"marker-value\"", "\"marker-valuf\""), StandardCharsets.UTF_8));
            LegacyJsonSource altered = LegacyJsonSource.open(s3, bucket, filename);

            assertThatThrownBy(() -> altered.verify(altered.parts().get(0), op -> { }))
                    .isInstanceOf(CorruptBackupException.class)
                    .hasMessageStartingWith(filename + ": checksum mismatch")
                    .hasMessageNotContaining("marker");
            String refusedTarget = table + "-refused";
            createLike(ddb, refusedTarget);
            dev.ddbbackup.recovery.RestoreResult refused = restores.restore(new dev.ddbbackup.recovery.RestoreRequest(
                    new dev.ddbbackup.recovery.SourceSpec.LegacyJson(bucket, filename, table), refusedTarget, null, 25, null, null),
                    dev.ddbbackup.core.time.Deadline.none());
            assertThat(refused.status()).isEqualTo(dev.ddbbackup.recovery.RestoreResult.Status.FAILED);
            assertThat(refused.error()).contains("checksum mismatch");
            assertThat(refused.itemsWritten()).isZero();
            assertThat(ddb.scan(b -> b.tableName(refusedTarget)).count()).isZero();
        }
    }

    private static void createLike(DynamoDbClient ddb, String name) {
        ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }

    private static Map<String, AttributeValue> richItem() {
        return Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS("rich")),
                Map.entry("big", AttributeValue.fromN("12345678901234567890")),
                Map.entry("price", AttributeValue.fromN("3.14159")),
                Map.entry("count", AttributeValue.fromN("42")),
                Map.entry("tiny", AttributeValue.fromN("0.00001")),
                Map.entry("nested", AttributeValue.fromM(Map.of(
                        "a", AttributeValue.fromN("1.5"),
                        "b", AttributeValue.fromN("100"),
                        "deep", AttributeValue.fromM(Map.of("c", AttributeValue.fromN("-7")))))),
                Map.entry("colours", AttributeValue.fromSs(List.of("red", "green"))),
                Map.entry("name", AttributeValue.fromS(NAME)),
                Map.entry("emoji", AttributeValue.fromS(EMOJI)),
                Map.entry("flag", AttributeValue.fromBool(true)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry("marker", AttributeValue.fromS("marker-value")));
    }

    /** Runs the seed's backup_single_table under python3 against moto; returns the key it wrote. */
    private static String runSeedBackup(MotoServer moto, String table, String bucket) throws IOException {
        String script = LegacyDocuments.resource("/legacy/seed000_backup.py");
        String stdout = Python3.run(List.of("python3", "-c", script, table, bucket), Map.of(
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_DEFAULT_REGION", EmulatorClients.REGION.id(),
                "AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_ACCESS_KEY,
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"), "");
        JsonNode result = FormatJson.MAPPER.readTree(stdout);
        assertThat(result.path("status").asText()).as(stdout).isEqualTo("success");
        assertThat(result.path("item_count").asInt()).isEqualTo(31);
        return result.path("filename").asText();
    }
}
