package dev.ddbbackup.emulators.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.emulators.DynamoDbLocal;
import dev.ddbbackup.emulators.DynamoDbLocalExtension;
import dev.ddbbackup.emulators.UniqueName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The global interceptor (registered by this module's test resources) sees clients it was never given,
 * records only inside a window, from any thread, failed calls included; the extension's check fails on
 * an undeclared operation and writes the recording file.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IamRecordingIT {

    @Test
    void during_recordsOnlyTheCallsInsideTheWindow_fromAnyThread_failedOnesToo(DynamoDbLocal ddb) throws Exception {
        IamRecording recording = new IamRecording(RecordedFunction.class);
        String table = UniqueName.next("rec");
        try (DynamoDbClient client = ddb.newClient()) {
            client.listTables();

            recording.run(() -> {
                client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
                CompletableFuture.runAsync(() -> client.describeTable(b -> b.tableName(table))).get();
                assertThatThrownBy(() -> client.describeTable(b -> b.tableName("missing-" + table)))
                        .isInstanceOf(ResourceNotFoundException.class);
            });
            client.deleteTable(b -> b.tableName(table));
        }

        assertThat(recording.recorded()).contains("DynamoDb:CreateTable", "DynamoDb:DescribeTable")
                .doesNotContain("DynamoDb:ListTables", "DynamoDb:DeleteTable");
    }

    @Test
    void lastWindow_isWhatTheLatestWindowAloneRecorded_whileRecordedKeepsEverything(DynamoDbLocal ddb) throws Exception {
        IamRecording recording = new IamRecording(RecordedFunction.class);
        String table = UniqueName.next("rec");
        try (DynamoDbClient client = ddb.newClient()) {
            recording.run(() -> client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())));
            recording.run(() -> client.describeTable(b -> b.tableName(table)));
            client.deleteTable(b -> b.tableName(table));
        }

        assertThat(recording.lastWindow()).containsExactly("DynamoDb:DescribeTable");
        assertThat(recording.recorded()).containsExactly("DynamoDb:CreateTable", "DynamoDb:DescribeTable");
    }

    @Test
    void afterAll_withAnUndeclaredCall_failsNamingIt_andWritesTheRecordingFile(DynamoDbLocal ddb) throws Exception {
        IamRecording recording = new IamRecording(RecordedFunction.class);
        try (DynamoDbClient client = ddb.newClient()) {
            recording.run(() -> client.listTables());
        }

        assertThatThrownBy(() -> recording.afterAll(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DynamoDb:ListTables needs dynamodb:ListTables, which "
                        + "dev/ddbbackup/emulators/iam/RecordedFunction-iam-actions.txt does not declare");
        Path file = Path.of("target", "iam-recorded", RecordedFunction.class.getName() + ".txt");
        assertThat(IamRecording.readRecordedActions(file)).contains("dynamodb:ListTables");
        assertThat(Files.readString(file)).contains("dynamodb:ListTables\tDynamoDb:ListTables");
    }

    @Test
    void during_whileAnotherWindowIsOpen_isRefused() throws Exception {
        IamRecording outer = new IamRecording(RecordedFunction.class);

        outer.run(() -> assertThatThrownBy(() -> new IamRecording(RecordedFunction.class).run(() -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recordings cannot overlap"));
    }
}
