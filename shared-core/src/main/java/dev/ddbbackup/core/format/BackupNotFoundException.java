package dev.ddbbackup.core.format;

/** No complete backup where one was asked for. */
public class BackupNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackupNotFoundException(String message) {
        super(message);
    }
}
