package dev.ddbbackup.backup;

/**
 * The outcome for one table. Counts describe only what was committed: an incomplete or failed
 * backup reports the items it had scanned, but no manifest exists for it.
 */
public record TableBackupResult(
        String table,
        Status status,
        String backupId,
        String location,
        long items,
        long compressedBytes,
        long uncompressedBytes,
        int dataFiles,
        int segments,
        double seconds,
        String error) {

    /** SUCCEEDED: manifest written (and verified, when asked). INCOMPLETE: stopped for time. FAILED: an error. */
    public enum Status { SUCCEEDED, INCOMPLETE, FAILED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    static TableBackupResult failed(String table, Status status, String backupId, long items, int segments, double seconds,
                                    String error) {
        return new TableBackupResult(table, status, backupId, null, items, 0, 0, 0, segments, seconds, error);
    }
}
