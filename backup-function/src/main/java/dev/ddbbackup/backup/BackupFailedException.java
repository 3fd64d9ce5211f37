package dev.ddbbackup.backup;

/** Thrown by the handler when any table failed, after notifying, so Lambda counts the invocation as an error. */
public class BackupFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackupFailedException(BackupRunResult result) {
        super("backup failed:\n" + result.summary());
    }
}
