package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AwsBackupRestoreRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T01:02:03Z"), ZoneOffset.UTC);
    private static final String ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
    private static final String VAULT_ARN = "arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45";
    private static final String DYNAMODB_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/backup/01700000000000-a1b2c3d4";

    @Test
    void fromEvent_vaultArnWithTarget_readsEveryField() {
        AwsBackupRestoreRequest r = parse("{\"restoreType\":\"BACKUP\",\"recoveryPointArn\":\"" + VAULT_ARN + "\","
                + "\"target_table\":\"Orders-dr\",\"wait\":false}", ROLE);

        assertThat(r).isEqualTo(new AwsBackupRestoreRequest(VAULT_ARN, "Orders-dr", ROLE, false));
    }

    @Test
    void fromEvent_dynamoDbArnWithoutTarget_restoresToDatedCopyOfItsTable() {
        AwsBackupRestoreRequest r = parse("{\"restoreType\":\"BACKUP\",\"recoveryPointArn\":\"" + DYNAMODB_ARN + "\"}", ROLE);

        assertThat(r.targetTable()).isEqualTo("Orders-restored-20261121010203");
        assertThat(r.waitForCompletion()).isTrue();
        assertThat(r.recoveryPoint().sourceTable()).contains("Orders");
    }

    @Test
    void fromEvent_vaultArnWithoutTarget_requiresTarget() {
        fails("{\"recoveryPointArn\":\"" + VAULT_ARN + "\"}", ROLE, "target_table")
                .hasMessageContaining("is required for a backup-vault recovery point")
                .hasMessageContaining("pass target_table");
    }

    @Test
    void fromEvent_malformedArn_namesFieldAndShape() {
        fails("{\"recoveryPointArn\":\"arn:aws:backup:us-east-1:123456789012:recovery-point\"}", ROLE, "recoveryPointArn")
                .hasMessageContaining("is not a recovery point ARN")
                .hasMessageContaining("arn:aws:backup:REGION:ACCOUNT:recovery-point:ID");
    }

    @Test
    void fromEvent_missingArn_namesField() {
        fails("{\"restoreType\":\"BACKUP\",\"target_table\":\"Orders-dr\"}", ROLE, "recoveryPointArn")
                .hasMessageContaining("is missing");
    }

    @Test
    void fromEvent_badTargetName_namesField() {
        fails("{\"recoveryPointArn\":\"" + VAULT_ARN + "\",\"target_table\":\"x\"}", ROLE, "target_table")
                .hasMessageContaining("is not a valid table name");
    }

    @Test
    void fromEvent_noRole_namesEnvironmentVariable() {
        fails("{\"recoveryPointArn\":\"" + VAULT_ARN + "\",\"target_table\":\"Orders-dr\"}", null, "RESTORE_ROLE_ARN")
                .hasMessageContaining("is not set");
    }

    @Test
    void fromEvent_roleNotARoleArn_rejected() {
        fails("{\"recoveryPointArn\":\"" + VAULT_ARN + "\",\"target_table\":\"Orders-dr\"}",
                "arn:aws:iam::123456789012:user/alice", "RESTORE_ROLE_ARN").hasMessageContaining("is not an IAM role ARN");
    }

    @Test
    void fromEvent_waitNotBoolean_namesField() {
        fails("{\"recoveryPointArn\":\"" + VAULT_ARN + "\",\"target_table\":\"Orders-dr\",\"wait\":3}", ROLE, "wait")
                .hasMessageContaining("must be true or false");
    }

    @Test
    void fromEvent_pitrRestoreType_rejected() {
        fails("{\"restoreType\":\"PITR\",\"recoveryPointArn\":\"" + VAULT_ARN + "\"}", ROLE, "restoreType")
                .hasMessageContaining("\"restoreType\":\"BACKUP\"");
    }

    private static AwsBackupRestoreRequest parse(String json, String role) {
        return AwsBackupRestoreRequest.fromEvent(tree(json), role, CLOCK);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> fails(String json, String role, String field) {
        return EventAssertions.failsNaming(() -> parse(json, role), field);
    }
}
