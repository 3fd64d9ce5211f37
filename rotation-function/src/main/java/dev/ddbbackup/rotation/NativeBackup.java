package dev.ddbbackup.rotation;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;

/**
 * One native (on-demand) DynamoDB backup as rotation sees it: what identifies it, its status and when
 * DynamoDB created it. Never holds table data.
 *
 * @param status DynamoDB's BackupStatus: CREATING, AVAILABLE or DELETED
 */
public record NativeBackup(String arn, String name, String status, Instant createdAt) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String CREATING = "CREATING";

    public NativeBackup {
        if (arn == null || arn.isBlank() || createdAt == null) {
            throw new IllegalArgumentException("a backup needs its ARN and creation time");
        }
    }

    static NativeBackup of(BackupSummary s) {
        return new NativeBackup(s.backupArn(), s.backupName(), s.backupStatusAsString(), s.backupCreationDateTime());
    }

    static NativeBackup of(BackupDetails d) {
        return new NativeBackup(d.backupArn(), d.backupName(), d.backupStatusAsString(), d.backupCreationDateTime());
    }

    boolean available() {
        return AVAILABLE.equals(status);
    }

    boolean creating() {
        return CREATING.equals(status);
    }
}
