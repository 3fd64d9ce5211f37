package dev.ddbbackup.recovery.managed;

import dev.ddbbackup.core.errors.ErrorText;

/**
 * A restore job was started but its status could not be read: the job may still be running, so the
 * error carries its id for a later check.
 */
public class RestoreJobCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String restoreJobId;

    public RestoreJobCheckException(String restoreJobId, String targetTable, Throwable cause) {
        super("restore job " + restoreJobId + " into table '" + targetTable + "' was started but its status could not be"
                + " read (" + ErrorText.firstLine(cause) + "); check it with"
                + " aws backup describe-restore-job --restore-job-id " + restoreJobId, cause);
        this.restoreJobId = restoreJobId;
    }

    public String restoreJobId() {
        return restoreJobId;
    }
}
