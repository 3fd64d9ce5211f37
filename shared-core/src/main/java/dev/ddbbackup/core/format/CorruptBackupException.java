package dev.ddbbackup.core.format;

/** A backup that is missing, damaged or tampered with; names the object at fault. */
public class CorruptBackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public CorruptBackupException(String location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    public CorruptBackupException(String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    /** The S3 key (or folder) at fault. */
    public String location() {
        return location;
    }
}
