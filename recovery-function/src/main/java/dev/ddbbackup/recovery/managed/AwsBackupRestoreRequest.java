package dev.ddbbackup.recovery.managed;

import static dev.ddbbackup.recovery.managed.EventFields.TARGET_TABLE;
import static dev.ddbbackup.recovery.managed.EventFields.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.event.EventJson;
import dev.ddbbackup.core.table.TableNames;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * What an AWS Backup restore should do: restore the recovery point {@code recoveryPointArn} into the
 * new DynamoDB table {@code targetTable}, with AWS Backup assuming {@code iamRoleArn}.
 *
 * @param recoveryPointArn  either ARN shape of {@link RecoveryPointArn}; checked here
 * @param targetTable       the new table; it must not exist
 * @param iamRoleArn        the role AWS Backup assumes to create the table (the Lambda reads {@code RESTORE_ROLE_ARN})
 * @param waitForCompletion poll the restore job until it ends or the deadline comes; otherwise return the job id at once
 */
public record AwsBackupRestoreRequest(String recoveryPointArn, String targetTable, String iamRoleArn,
                                      boolean waitForCompletion) {

    /** The setting that supplies the role, named in errors. */
    public static final String ROLE_FIELD = "RESTORE_ROLE_ARN";

    static final String EXAMPLE = "{\"restoreType\":\"BACKUP\",\"recoveryPointArn\":"
            + "\"arn:aws:backup:us-east-1:123456789012:recovery-point:1EB3B5E7-9EB0-435A-A80B-108B488B0D45\","
            + "\"target_table\":\"Orders-restored\"}";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    public AwsBackupRestoreRequest {
        recoveryPointArn = RecoveryPointArn.parse(recoveryPointArn).value();
        TableNames.require(TARGET_TABLE, targetTable);
        if (iamRoleArn == null || iamRoleArn.isBlank()) {
            throw new ConfigException(ROLE_FIELD, "is not set; set it to the IAM role AWS Backup assumes to restore,"
                    + " like arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole");
        }
        iamRoleArn = iamRoleArn.trim();
        if (!ROLE_ARN.matcher(iamRoleArn).matches()) {
            throw new ConfigException(ROLE_FIELD, "'" + iamRoleArn + "' is not an IAM role ARN; expected"
                    + " arn:aws:iam::ACCOUNT:role/NAME, like arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole");
        }
    }

    /** The recovery point, parsed. */
    public RecoveryPointArn recoveryPoint() {
        return RecoveryPointArn.parse(recoveryPointArn);
    }

    /**
     * Reads an AWS Backup event: {@code {"restoreType":"BACKUP", "recoveryPointArn": ..., "target_table": ...,
     * "wait": true}}. Without {@code target_table}, a DynamoDB-shaped ARN restores into
     * {@code {table}-restored-{yyyyMMddHHmmss}} (UTC); a backup-vault ARN does not name its table, so it
     * needs {@code target_table}.
     *
     * @param event          the invocation event (null or missing reads as empty)
     * @param restoreRoleArn the role AWS Backup assumes ({@code RESTORE_ROLE_ARN} in the Lambda)
     * @param clock          dates the default target name
     * @throws ConfigException naming the field at fault and the fix
     */
    public static AwsBackupRestoreRequest fromEvent(JsonNode event, String restoreRoleArn, Clock clock) {
        JsonNode e = EventFields.object(event, EXAMPLE);
        EventFields.requireRestoreType(e, "BACKUP");
        RecoveryPointArn arn = RecoveryPointArn.parse(EventFields.text(e, RecoveryPointArn.FIELD));
        String target = EventFields.text(e, TARGET_TABLE);
        if (target == null) {
            String source = arn.sourceTable().orElseThrow(() -> new ConfigException(TARGET_TABLE,
                    "is required for a backup-vault recovery point (arn:aws:backup:...:recovery-point:...), whose ARN"
                            + " does not name the table; pass target_table, like \"target_table\":\"Orders-restored\""));
            target = EventFields.restoredName(source, clock);
        }
        return new AwsBackupRestoreRequest(arn.value(), target, restoreRoleArn, EventJson.flag(e, WAIT, true));
    }
}
