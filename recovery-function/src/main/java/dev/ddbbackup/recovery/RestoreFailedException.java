package dev.ddbbackup.recovery;

/** Thrown by the handler after notifying, so that a failed restore fails its invocation. */
public final class RestoreFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RestoreFailedException(String message) {
        super(message);
    }
}
