package dev.ddbbackup.rotation;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;

/**
 * One native (on-demand) DynamoDB backup as rotation sees it: what identifies it, its status and when
 * DynamoDB created it. Never holds table data.
 *
 * @param status  DynamoDB's BackupStatus: CREATING, AVAILABLE or DELETED
 * @param tableId the TableId of the table it was made from, or null when the endpoint does not say (moto);
 *                a table deleted and created again under the same name has a new TableId
 */
public record NativeBackup(String arn, String name, String status, Instant createdAt, String tableId) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String CREATING = "CREATING";

    public NativeBackup {
        if (arn == null || arn.isBlank() || createdAt == null) {
            throw new IllegalArgumentException("a backup needs its ARN and creation time");
        }
    }

    static NativeBackup of(BackupSummary s) {
        return new NativeBackup(s.backupArn(), s.backupName(), s.backupStatusAsString(), s.backupCreationDateTime(), s.tableId());
    }

    /** From CreateBackup's answer, which does not name the source table's id. */
    static NativeBackup of(BackupDetails d) {
        return of(d, null);
    }

    static NativeBackup of(BackupDetails d, String tableId) {
        return new NativeBackup(d.backupArn(), d.backupName(), d.backupStatusAsString(), d.backupCreationDateTime(), tableId);
    }

    boolean available() {
        return AVAILABLE.equals(status);
    }

    boolean creating() {
        return CREATING.equals(status);
    }
}
