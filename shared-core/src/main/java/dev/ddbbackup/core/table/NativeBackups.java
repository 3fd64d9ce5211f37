package dev.ddbbackup.core.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;

/**
 * Lists a table's on-demand (USER) DynamoDB backups across every ListBackups page, newest first.
 *
 * <p>The seed's rotation read one page only, so a table with more backups than a page kept
 * growing. ListBackups has no SDK paginator; pages are followed by LastEvaluatedBackupArn. The
 * request asks for USER backups only, and the answer is filtered again: SYSTEM backups (kept by
 * DynamoDB when a table is deleted) and AWS_BACKUP recovery points are never ours to count or
 * prune, whatever an endpoint returns. A table's backup summaries are small and few (hundreds at
 * most), so they are held in a list.
 */
public final class NativeBackups {

    private final DynamoDbClient dynamoDb;

    public NativeBackups(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Every USER backup of {@code tableName}, whatever its status, newest first. */
    public List<BackupSummary> userBackups(String tableName) {
        List<BackupSummary> all = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            ListBackupsResponse page = dynamoDb.listBackups(b -> b.tableName(tableName)
                    .backupType(BackupTypeFilter.USER)
                    .exclusiveStartBackupArn(exclusiveStart));
            for (BackupSummary s : page.backupSummaries()) {
                if ("USER".equals(s.backupTypeAsString()) && tableName.equals(s.tableName())) {
                    all.add(s);
                }
            }
            start = page.lastEvaluatedBackupArn();
        } while (start != null && !start.isEmpty());
        all.sort(Comparator.comparing(BackupSummary::backupCreationDateTime).reversed());
        return all;
    }
}
