package dev.ddbbackup.recovery.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecoveryPointArnTest {

    @Test
    void parse_backupVaultArn_hasNoSourceTable() {
        RecoveryPointArn arn = RecoveryPointArn.parse(
                "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45");

        assertThat(arn.region()).isEqualTo("us-east-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.sourceTable()).isEmpty();
    }

    @Test
    void parse_dynamoDbBackupArn_namesSourceTable() {
        RecoveryPointArn arn = RecoveryPointArn.parse(
                "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders.v2_prod/backup/01700000000000-a1b2c3d4");

        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.sourceTable()).contains("Orders.v2_prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws-us-gov:backup:us-gov-west-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
            "arn:aws-cn:backup:cn-north-1:123456789012:recovery-point:abc",
            "arn:aws-iso-b:dynamodb:us-isob-east-1:123456789012:table/Orders/backup/01700000000000-a1b2c3d4",
            "  arn:aws:backup:ap-southeast-2:123456789012:recovery-point:ABC-123  "})
    void parse_otherPartitionsAndSurroundingSpace_accepted(String arn) {
        assertThat(RecoveryPointArn.parse(arn).value()).isEqualTo(arn.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1EB3B5E7-9EB0-435A-A80B-108B488B0D45",
            "arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
            "arn:aws:backup:us-east-1:12345678901:recovery-point:1EB3B5E7",
            "arn:aws:backup:US-EAST-1:123456789012:recovery-point:1EB3B5E7",
            "arn:aws:backup:us-east-1:123456789012:recovery-point:",
            "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7/extra",
            "arn:gcp:backup:us-east-1:123456789012:recovery-point:1EB3B5E7",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Or/backup/0170-a1",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-11-21T01:00:00.000",
            "arn:aws:ec2:us-east-1::snapshot/snap-0123"})
    void parse_malformed_namesFieldAndExpectedShape(String arn) {
        assertThatThrownBy(() -> RecoveryPointArn.parse(arn))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("recoveryPointArn: '" + arn + "' is not a recovery point ARN")
                .hasMessageContaining("arn:aws:backup:REGION:ACCOUNT:recovery-point:ID")
                .hasMessageContaining("arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/ID")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("recoveryPointArn");
    }

    @Test
    void parse_missing_namesField() {
        assertThatThrownBy(() -> RecoveryPointArn.parse(" "))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("recoveryPointArn: is missing; expected arn:aws:backup:");
    }
}
