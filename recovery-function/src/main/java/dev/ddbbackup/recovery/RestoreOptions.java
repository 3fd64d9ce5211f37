package dev.ddbbackup.recovery;

/**
 * How a restore runs, independent of what it restores.
 *
 * @param writeConcurrency       parallel BatchWriteItem lanes
 * @param readConcurrency        data files read (and verified) at once
 * @param verifyAllFirstMaxBytes a backup up to this size is verified completely before the first write, so
 *                               a damaged one writes nothing; a bigger one is verified file by file, each
 *                               before any of its items is written
 * @param readBack               read every item back by key and compare after writing
 * @param maxAttempts            BatchWriteItem / BatchGetItem attempts for unprocessed items
 * @param deadlineMarginMillis   time kept back before the Lambda timeout to record a checkpoint and report
 */
public record RestoreOptions(int writeConcurrency, int readConcurrency, long verifyAllFirstMaxBytes, boolean readBack,
                             int maxAttempts, long deadlineMarginMillis) {

    public static final RestoreOptions DEFAULT = new RestoreOptions(8, 4, 2L * 1024 * 1024 * 1024, true, 15, 60_000);

    public RestoreOptions {
        if (writeConcurrency < 1 || readConcurrency < 1 || maxAttempts < 1 || verifyAllFirstMaxBytes < 0 || deadlineMarginMillis < 0) {
            throw new IllegalArgumentException("concurrency and attempts must be at least 1, sizes and margins not negative");
        }
    }

    public RestoreOptions withWriteConcurrency(int n) {
        return new RestoreOptions(n, readConcurrency, verifyAllFirstMaxBytes, readBack, maxAttempts, deadlineMarginMillis);
    }

    public RestoreOptions withReadBack(boolean on) {
        return new RestoreOptions(writeConcurrency, readConcurrency, verifyAllFirstMaxBytes, on, maxAttempts, deadlineMarginMillis);
    }

    public RestoreOptions withVerifyAllFirstMaxBytes(long bytes) {
        return new RestoreOptions(writeConcurrency, readConcurrency, bytes, readBack, maxAttempts, deadlineMarginMillis);
    }
}
