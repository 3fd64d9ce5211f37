package dev.ddbbackup.recovery;

import java.time.Instant;
import java.util.List;

/**
 * A restore's progress, stored in S3 as it goes so that a run that stops for time can be continued by a
 * later invocation without rewriting finished data files.
 *
 * @param request       the request with its source resolved (a fixed backupId, never "latest")
 * @param writesDone    every data file is written (and read back); only the settings step remains
 * @param finishedParts data files completely written (and read back)
 * @param readBack      what reading back the finished data files found; null when the restore does not read back
 */
public record RestoreCheckpoint(String restoreId, RestoreRequest request, String status, boolean tableCreated,
                                boolean writesDone, List<String> finishedParts, long itemsWritten, ReadBackReport readBack, Instant startedAt,
                                Instant updatedAt) {

    public RestoreCheckpoint {
        finishedParts = List.copyOf(finishedParts);
    }
}
