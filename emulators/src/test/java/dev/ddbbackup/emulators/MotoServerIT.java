package dev.ddbbackup.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.sns.SnsClient;

@ExtendWith(MotoExtension.class)
class MotoServerIT {

    @Test
    void createBackup_isListedForItsTable(MotoServer moto) {
        String table = UniqueName.next("orders");
        try (DynamoDbClient client = moto.configure(DynamoDbClient.builder()).build()) {
            TestTables.createWithStringKey(client, table);

            String backupArn = client.createBackup(b -> b.tableName(table).backupName("nightly"))
                    .backupDetails().backupArn();

            assertThat(client.listBackups(b -> b.tableName(table)).backupSummaries())
                    .extracting(BackupSummary::backupArn, BackupSummary::backupName)
                    .containsExactly(tuple(backupArn, "nightly"));
        }
    }

    @Test
    void createTopic_returnsTopicArn(MotoServer moto) {
        String topic = UniqueName.next("alerts");
        try (SnsClient client = moto.configure(SnsClient.builder()).build()) {
            String arn = client.createTopic(b -> b.name(topic)).topicArn();

            assertThat(arn).endsWith(":" + topic);
            assertThat(client.listTopics().topics()).anySatisfy(t ->
                    assertThat(t.topicArn()).isEqualTo(arn));
        }
    }

    @Test
    void reset_deletesEveryTopic() {
        // Its own server: a reset of the shared one would wipe other tests' state.
        try (MotoServer own = MotoServer.start();
                SnsClient client = own.configure(SnsClient.builder()).build()) {
            client.createTopic(b -> b.name("doomed"));

            own.reset();

            assertThat(client.listTopics().topics()).isEmpty();
        }
    }
}
