package dev.ddbbackup.rotation;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link RetentionPolicy} decided for one table.
 *
 * @param retained     AVAILABLE backups kept, newest first (the new one first, when there is one)
 * @param delete       AVAILABLE backups to delete, newest first, each with the rule that selects it
 * @param inProgress   backups still CREATING: neither counted nor deleted
 * @param earlierTable backups of an earlier table of the same name (another TableId), in any status:
 *                     neither counted nor deleted
 */
public record RetentionPlan(List<NativeBackup> retained, List<Deletion> delete, List<NativeBackup> inProgress,
                            List<NativeBackup> earlierTable) {

    public RetentionPlan {
        retained = List.copyOf(retained);
        delete = List.copyOf(delete);
        inProgress = List.copyOf(inProgress);
        earlierTable = List.copyOf(earlierTable);
    }

    /** A backup selected for deletion and why. */
    public record Deletion(String arn, String name, Instant createdAt, String reason) {

        static Deletion of(NativeBackup b, String reason) {
            return new Deletion(b.arn(), b.name(), b.createdAt(), reason);
        }
    }
}
